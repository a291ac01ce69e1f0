package com.fashionos.tasks;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;

/**
 * tasks-service settings: the common ones, where events-service answers (for the membership
 * check of someone the read model does not know yet), and how often overdue tasks are swept.
 */
public record TasksServiceConfig(ServiceConfig service, String eventsServiceUrl, long overdueSweepMs) {

  public static TasksServiceConfig fromEnv(Env env) {
    return new TasksServiceConfig(ServiceConfig.fromEnv(env),
        env.get("EVENTS_SERVICE_URL", "http://events-service:8080"), env.getInt("OVERDUE_SWEEP_MS", 60_000));
  }
}
