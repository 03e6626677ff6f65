package io.kubervisor.analysis;

import java.util.List;

/**
 * What a rule made of a query result.
 *
 * @param verdicts one per managed pod, ordered by pod name
 * @param outsideService series for pods that are not managed, ignored (worth a log line: the query may be too wide)
 * @param withoutPodLabel series without the pod label, ignored (usually a query that does not group by pod)
 */
public record Analysis(List<Verdict> verdicts, int outsideService, int withoutPodLabel) {

  public Analysis {
    verdicts = List.copyOf(verdicts);
  }
}
