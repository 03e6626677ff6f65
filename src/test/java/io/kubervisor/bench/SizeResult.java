package io.kubervisor.bench;

/**
 * Everything measured at one size. A step that failed or did not run leaves its part null, and {@code error} says what
 * went wrong.
 *
 * @param rssAfterGcBytes resident memory right after the forced full collection
 * @param apiAtStartup the operator's API calls from its launch to the window
 * @param apiInWindow its API calls during the steady window
 * @param writesPerMinute its writes during the window, per minute
 * @param otherWritesPerMinute the same without the Lease's renewals
 * @param expectedQueriesPerSecond breakers ÷ evaluation period
 * @param shutdownSeconds from SIGTERM to its exit
 */
record SizeResult(int pods, int breakerConfigs, int namespaces, World.BuildTimes build, Startup startup,
    SteadyWindow window, JvmDiagnostics.Heap heapAfterGc, Long rssAfterGcBytes, JvmDiagnostics.Flags jvm,
    ApiCalls apiAtStartup, ApiCalls apiInWindow, Double writesPerMinute, Double otherWritesPerMinute,
    double expectedQueriesPerSecond, Faults faults, Double shutdownSeconds, String error) {}
