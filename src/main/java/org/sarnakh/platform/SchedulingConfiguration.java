package org.sarnakh.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work runs in the server; CLI verbs that only touch the database switch it off. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "sarnakh.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
