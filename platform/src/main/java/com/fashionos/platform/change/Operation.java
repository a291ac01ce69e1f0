package com.fashionos.platform.change;

/** What happened to a row. */
public enum Operation {
  INSERT, UPDATE, DELETE
}
