package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubervisor.analysis.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictReaderTest {

  @Test
  void readsJsonWithDefaults() throws Exception {
    List<Verdict> verdicts = VerdictReader.read("""
        [{"pod": "a", "value": 3, "anomalous": true},
         {"pod": "b", "value": null, "anomalous": false},
         {"pod": "c", "value": "0.5", "anomalous": false, "reason": "fine", "score": -1}]""", "mine", 1_000_000);

    assertThat(verdicts).containsExactly(
        new Verdict("a", 3.0, true, "anomalous per detector mine", 3.0),
        new Verdict("b", null, false, "", 0),
        new Verdict("c", 0.5, false, "fine", -1));
  }

  @Test
  void readsBytesAndObjects() throws Exception {
    assertThat(VerdictReader.read("[{\"pod\":\"a\",\"anomalous\":false}]".getBytes(StandardCharsets.UTF_8), "d", 1_000_000))
        .hasSize(1);
    List<Verdict> objects = List.of(new Verdict("a", 1.0, true, "r", 2));
    assertThat(VerdictReader.read(objects, "d", 1_000_000)).isEqualTo(objects);
  }

  @Test
  void refusesAnythingOutsideTheContract() throws Exception {
    assertThatThrownBy(() -> VerdictReader.read("{\"pod\":\"a\"}", "d", 1_000_000)).hasMessageContaining("JSON list of verdicts");
    assertThatThrownBy(() -> VerdictReader.read("[{\"pod\":\"a\"}]", "d", 1_000_000)).hasMessageContaining("boolean 'anomalous'");
    assertThatThrownBy(() -> VerdictReader.read("[{\"pod\":\"a\",\"anomalous\":true}]", "d", 1_000_000))
        .hasMessageContaining("anomalous but has no numeric 'value'");
    assertThatThrownBy(() -> VerdictReader.read("not json", "d", 1_000_000)).hasMessageContaining("did not answer JSON");
  }
}
