package org.sarnakh.identity;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per account and per client address (PRODUCT.md §3). Buckets live in a
 * bounded in-memory map: enough for one node; a flood of distinct keys evicts the oldest.
 */
@Component
public class LoginThrottle {

  @ConfigurationProperties("sarnakh.login")
  public record LoginSettings(Integer failuresPerAccount, Duration accountWindow, Integer failuresPerAddress,
      Duration addressWindow) {
    public LoginSettings {
      failuresPerAccount = failuresPerAccount == null ? 5 : failuresPerAccount;
      accountWindow = accountWindow == null ? Duration.ofMinutes(15) : accountWindow;
      failuresPerAddress = failuresPerAddress == null ? 20 : failuresPerAddress;
      addressWindow = addressWindow == null ? Duration.ofMinutes(5) : addressWindow;
    }
  }

  private static final int MAX_KEYS = 100_000;
  private final LoginSettings settings;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_KEYS;
    }
  };

  LoginThrottle(LoginSettings settings) {
    this.settings = settings;
  }

  /** True when either the account or the address has used up its failed attempts. */
  public synchronized boolean blocked(String email, String address) {
    return account(email).getAvailableTokens() <= 0 || address(address).getAvailableTokens() <= 0;
  }

  public synchronized void failed(String email, String address) {
    account(email).tryConsume(1);
    address(address).tryConsume(1);
  }

  private Bucket account(String email) {
    return buckets.computeIfAbsent("a:" + email.strip().toLowerCase(Locale.ROOT),
        k -> bucket(settings.failuresPerAccount(), settings.accountWindow()));
  }

  private Bucket address(String address) {
    return buckets.computeIfAbsent("i:" + address, k -> bucket(settings.failuresPerAddress(), settings.addressWindow()));
  }

  private static Bucket bucket(int capacity, Duration window) {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
        .build();
  }
}
