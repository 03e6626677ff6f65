package io.kubervisor.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusResponseTest {

  @Test
  void vectorGivesOneSamplePerSeriesWithItsLabels() {
    List<Sample> samples = PrometheusResponse.parse("""
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"pod":"a","code":"200"},"value":[1700000000.123,"42"]},
          {"metric":{"pod":"b","code":"500"},"value":[1700000000.123,"0.25"]}]}}""");

    assertThat(samples).containsExactly(
        new Sample(Map.of("pod", "a", "code", "200"), 42),
        new Sample(Map.of("pod", "b", "code", "500"), 0.25));
  }

  @Test
  void emptyVectorGivesNoSamples() {
    assertThat(PrometheusResponse.parse("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"))
        .isEmpty();
  }

  @Test
  void specialValuesAreParsed() {
    List<Sample> samples = PrometheusResponse.parse("""
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"pod":"a"},"value":[1,"NaN"]},
          {"metric":{"pod":"b"},"value":[1,"+Inf"]},
          {"metric":{"pod":"c"},"value":[1,"-Inf"]},
          {"metric":{"pod":"d"},"value":[1,"1e-3"]}]}}""");

    assertThat(samples).extracting(Sample::value)
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.001);
  }

  @Test
  void matrixKeepsTheLastPointOfEachSeries() {
    List<Sample> samples = PrometheusResponse.parse("""
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"pod":"a"},"values":[[1,"1"],[2,"2"],[3,"3"]]},
          {"metric":{"pod":"b"},"values":[[1,"7"]]},
          {"metric":{"pod":"c"},"values":[]}]}}""");

    assertThat(samples).containsExactly(new Sample(Map.of("pod", "a"), 3), new Sample(Map.of("pod", "b"), 7));
  }

  @Test
  void scalarIsOneUnlabelledSample() {
    assertThat(PrometheusResponse.parse(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000,\"+Inf\"]}}"))
        .containsExactly(new Sample(Map.of(), Double.POSITIVE_INFINITY));
  }

  @Test
  void stringIsAnError() {
    assertThatThrownBy(() -> PrometheusResponse.parse(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1700000000,\"hello\"]}}"))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessage("the query returned a string; it must return numbers");
  }

  @Test
  void prometheusErrorIsReportedVerbatim() {
    assertThatThrownBy(() -> PrometheusResponse.parse("""
        {"status":"error","errorType":"bad_data",
         "error":"invalid parameter \\"query\\": 1:14: parse error: unexpected \\")\\""}"""))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessage("bad_data: invalid parameter \"query\": 1:14: parse error: unexpected \")\"");
  }

  @Test
  void prometheusErrorWithWarningsAndDataIsStillAnError() {
    assertThatThrownBy(() -> PrometheusResponse.parse("""
        {"status":"error","errorType":"timeout","error":"query timed out in expression evaluation",
         "warnings":["w"],"data":{"resultType":"vector","result":[]}}"""))
        .hasMessage("timeout: query timed out in expression evaluation");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "<html>502 Bad Gateway</html>", "{\"status\":", "[]", "42"})
  void bodyThatIsNotAJsonObjectIsRejected(String body) {
    assertThatThrownBy(() -> PrometheusResponse.parse(body))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessageStartingWith("Prometheus response is not");
  }

  @Test
  void nullBodyIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse(null)).isInstanceOf(PrometheusQueryException.class);
  }

  @Test
  void missingStatusIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse("{\"data\":{}}"))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessage("Prometheus response has no status success or error");
  }

  @Test
  void missingDataIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse("{\"status\":\"success\"}"))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessage("Prometheus response has no data.resultType or data.result");
  }

  @Test
  void unknownResultTypeIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[]}}"))
        .hasMessage("unknown Prometheus result type streams");
  }

  @Test
  void seriesWithoutValueIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse("""
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"pod":"a"},"histogram":[1,{"count":"3"}]}]}}"""))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessageContaining("native histograms are not supported");
  }

  @Test
  void malformedPointIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse("""
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":"a"},"value":[1,2]}]}}"""))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessage("a series point is not [timestamp, \"value\"]: [1,2]");
  }

  @Test
  void nonNumericValueIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse("""
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{"pod":"a"},"value":[1,"fast"]}]}}"""))
        .isInstanceOf(PrometheusQueryException.class)
        .hasMessage("a sample value is not a number: fast");
  }

  @Test
  void resultThatIsNotAnArrayIsRejected() {
    assertThatThrownBy(() -> PrometheusResponse.parse(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":{}}}"))
        .hasMessage("Prometheus data.result is not an array");
  }
}
