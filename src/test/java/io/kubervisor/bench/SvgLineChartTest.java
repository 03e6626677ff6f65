package io.kubervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.bench.SvgLineChart.Point;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgLineChartTest {

  @Test
  void drawsEachSeriesAndTheTargetAsWellFormedSvg() throws Exception {
    String svg = new SvgLineChart("Heap <after> GC", "pods", "MiB")
        .series("heap", List.of(new Point(2500, 220), new Point(1000, 105)))
        .series("other", List.of(new Point(1000, 50)))
        .target(256, "target & limit")
        .render();
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(3);
    assertThat(svg).contains("Heap &lt;after&gt; GC", "target &amp; limit", "stroke-dasharray");
  }

  @Test
  void drawsAnEmptyChart() {
    assertThat(new SvgLineChart("t", "x", "y").series("none", List.of()).render()).contains("no data");
  }

  @Test
  void stepsByOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(SvgLineChart.niceStep(0.13)).isEqualTo(0.2);
    assertThat(SvgLineChart.niceStep(2000)).isEqualTo(2000);
    assertThat(SvgLineChart.niceStep(2100)).isEqualTo(5000);
    assertThat(SvgLineChart.niceStep(7)).isEqualTo(10);
  }
}
