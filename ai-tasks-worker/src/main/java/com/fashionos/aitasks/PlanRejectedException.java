package com.fashionos.aitasks;

/** A planner's answer that cannot be turned into a usable plan, even after repair. */
public class PlanRejectedException extends RuntimeException {
  public PlanRejectedException(String message) {
    super(message);
  }

  public PlanRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
