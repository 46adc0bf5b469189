package org.sarnakh.routing;

import static org.sarnakh.platform.db.Tables.APP_USER;
import static org.sarnakh.platform.db.Tables.LEAD;

import java.time.Clock;
import java.util.List;
import org.jooq.impl.DSL;
import org.sarnakh.lead.LeadRecycled;
import org.sarnakh.lead.LeadsCreated;
import org.sarnakh.routing.internal.RoutingStore;
import org.sarnakh.scoring.LeadBecameQualified;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Queues leads for routing in the transaction that made them routable, once routing rules exist:
 * new leads without an owner (one statement per batch, so imports stay fast), leads that became
 * MQLs without an active owner, and recycled leads. The queue row commits with its cause or not at all.
 */
@Component
class RoutingTriggers {

  private final RoutingStore store;
  private final RoutingRules rules;
  private final Clock clock;
  private final boolean onCreate;

  RoutingTriggers(RoutingStore store, RoutingRules rules, Clock clock,
      @Value("${sarnakh.routing.on-create:true}") boolean onCreate) {
    this.store = store;
    this.rules = rules;
    this.clock = clock;
    this.onCreate = onCreate;
  }

  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void created(LeadsCreated event) {
    if (onCreate && rules.any()) {
      store.enqueueNew(event.withoutOwner(), clock.instant());
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void qualified(LeadBecameQualified event) {
    if (rules.any()) {
      var ownerless = LEAD.OWNER_ID.isNull().or(DSL.notExists(DSL.selectOne().from(APP_USER)
          .where(APP_USER.ID.eq(LEAD.OWNER_ID).and(APP_USER.ACTIVE.isTrue()))));
      store.enqueue(List.of(event.lead().value()), ownerless, Cause.QUALIFIED, null, clock.instant());
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void recycled(LeadRecycled event) {
    if (rules.any()) {
      store.enqueue(List.of(event.lead().value()), DSL.trueCondition(), Cause.RECYCLED, null, clock.instant());
    }
  }
}
