package com.fashionos.budget;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;

/**
 * budget-service settings: the common ones, where events-service answers (for the membership
 * check of someone the read model does not know yet) and where files-service answers (whether an
 * expense's invoice file is a document of its event).
 */
public record BudgetServiceConfig(ServiceConfig service, String eventsServiceUrl, String filesServiceUrl) {

  public static BudgetServiceConfig fromEnv(Env env) {
    return new BudgetServiceConfig(ServiceConfig.fromEnv(env),
        env.get("EVENTS_SERVICE_URL", "http://events-service:8080"),
        env.get("FILES_SERVICE_URL", "http://files-service:8080"));
  }
}
