package com.fashionos.files.contract;

import java.util.EnumSet;
import java.util.Set;

/** A contract's life: draft → pending_review → pending_signature → signed → active → expired or terminated. */
public enum ContractStatus {
  DRAFT, PENDING_REVIEW, PENDING_SIGNATURE, SIGNED, ACTIVE, EXPIRED, TERMINATED;

  /** Where a contract may go from here: forward one step, back for another round, or ended. */
  Set<ContractStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(PENDING_REVIEW);
      case PENDING_REVIEW -> EnumSet.of(PENDING_SIGNATURE, DRAFT);
      case PENDING_SIGNATURE -> EnumSet.of(SIGNED, PENDING_REVIEW);
      case SIGNED -> EnumSet.of(ACTIVE, TERMINATED);
      case ACTIVE -> EnumSet.of(EXPIRED, TERMINATED);
      case EXPIRED, TERMINATED -> EnumSet.noneOf(ContractStatus.class);
    };
  }

  /** What a new contract may start as: it is not signed until it went through signing. */
  static final Set<ContractStatus> INITIAL = EnumSet.of(DRAFT, PENDING_REVIEW, PENDING_SIGNATURE);
}
