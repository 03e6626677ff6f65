package io.kubervisor.detectors.http;

import java.net.URI;

/** The detector URL as the calls check it and as errors show it. */
final class DetectorUris {

  private DetectorUris() {}

  /** Only http(s) URLs with a host and no user:password@ are called, whatever reaches the call. */
  static URI httpUri(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new DetectorCallException("not a URL: " + url);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new DetectorCallException("only http and https URLs are called, not " + uri.getScheme() + ":");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new DetectorCallException("the URL needs a host and no user:password@ (credentials belong in a Secret)");
    }
    return uri;
  }

  /** The URL as users see it in errors: without the query, which may be long or carry parameters. */
  static String shown(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    } catch (IllegalArgumentException | NullPointerException e) {
      return "the detector";
    }
  }
}
