package org.sarnakh.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs before Spring starts: without a PostgreSQL server the PostgreSQL pass fails under
 * {@code CI=true} and is skipped, loudly, elsewhere.
 */
public class DatabaseExtension implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    if (TestDatabase.url() != null) {
      return;
    }
    String reason = TestDatabase.unavailableReason();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(reason + " (required under CI=true)");
    }
    System.err.println("\n*** SKIPPING PostgreSQL tests: " + reason + " ***\n");
    Assumptions.abort(reason);
  }
}
