package io.kubervisor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubervisor.cluster.CachedPod;
import io.kubervisor.cluster.TrafficLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pass sees its own writes before the cache does, and the cache wins once it has caught up. */
class OwnWritesTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  static CachedPod pod(String name, String version, String traffic) {
    return new CachedPod("ns", name, "uid", version, Map.of(TrafficLabels.TRAFFIC, traffic), Map.of(), null, null,
        true, null);
  }

  @Test
  void aWriteIsSeenUntilTheCacheShowsItOrSomethingNewer() {
    OwnWrites writes = new OwnWrites();
    CachedPod cached = pod("a", "10", "yes");
    writes.patched(cached, pod("a", "11", "no"), NOW);

    assertThat(writes.overlay(List.of(cached), NOW)).containsExactly(pod("a", "11", "no"));
    CachedPod newer = pod("a", "12", "yes");
    assertThat(writes.overlay(List.of(newer), NOW)).containsExactly(newer);
    assertThat(writes.overlay(List.of(cached), NOW)).as("forgotten once caught up").containsExactly(cached);
  }

  @Test
  void aKilledPodIsLeftOutUntilTheCacheSeesItTerminatingOrGone() {
    OwnWrites writes = new OwnWrites();
    CachedPod cached = pod("a", "10", "no");
    writes.killed(cached, NOW);

    assertThat(writes.overlay(List.of(cached, pod("b", "3", "yes")), NOW)).extracting(CachedPod::name)
        .containsExactly("b");
    assertThat(writes.overlay(List.of(cached), NOW.plus(OwnWrites.FORGET_AFTER))).as("not forever")
        .containsExactly(cached);
  }
}
