package io.kubervisor.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void serialisesToItsFiveFields() throws Exception {
    Verdict verdict = new Verdict("web-1", 30.0, true, "30% of 200 events bad", 0.3);

    assertThat(mapper.writeValueAsString(verdict)).isEqualTo(
        "{\"pod\":\"web-1\",\"value\":30.0,\"anomalous\":true,\"reason\":\"30% of 200 events bad\",\"score\":0.3}");
    assertThat(mapper.readValue(mapper.writeValueAsString(verdict), Verdict.class)).isEqualTo(verdict);
  }

  @Test
  void noDataHasANullValueAndIsNotAnomalous() throws Exception {
    Verdict verdict = Verdict.noData("web-1", "no data");

    assertThat(verdict.value()).isNull();
    assertThat(verdict.anomalous()).isFalse();
    assertThat(mapper.writeValueAsString(verdict)).contains("\"value\":null");
  }

  @Test
  void aPodWithoutDataCannotBeAnomalous() {
    assertThatThrownBy(() -> new Verdict("web-1", null, true, "?", 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
