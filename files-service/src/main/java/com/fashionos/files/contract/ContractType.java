package com.fashionos.files.contract;

/** Who the contract is with (spec table 8). */
public enum ContractType {
  SPONSOR, DESIGNER, VENUE, VENDOR, MODEL, STAFF
}
