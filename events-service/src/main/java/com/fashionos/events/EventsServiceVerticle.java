package com.fashionos.events;

import com.fashionos.events.activity.ActivityProjection;
import com.fashionos.events.activity.ActivityRoutes;
import com.fashionos.events.directory.DirectoryRoutes;
import com.fashionos.events.event.EventLinkRoutes;
import com.fashionos.events.event.EventRoutes;
import com.fashionos.events.notification.InboxProjection;
import com.fashionos.events.notification.NotificationRoutes;
import com.fashionos.events.profile.Profiles;
import com.fashionos.events.summary.BudgetSummaryProjection;
import com.fashionos.events.summary.TaskSummaryProjection;
import com.fashionos.events.team.InvitationConfig;
import com.fashionos.events.team.Invitations;
import com.fashionos.events.team.TeamRoutes;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * events-service: events, teams, directories, profiles, the activity feed and each person's
 * notifications inbox (schema {@code events}, topic {@code fashionos.events.v1}); projects task
 * summaries back from {@code fashionos.tasks.v1} and budget summaries from {@code fashionos.budget.v1}.
 */
public final class EventsServiceVerticle extends ServiceVerticle {
  public static final ServiceSchema SCHEMA = new ServiceSchema("events", Topics.EVENTS);

  private final InvitationConfig invitations;

  public EventsServiceVerticle(ServiceConfig config, InvitationConfig invitations) {
    super(config);
    this.invitations = invitations;
  }

  /** With the default invitations: valid a week, the bare token given to the lead. */
  public EventsServiceVerticle(ServiceConfig config) {
    this(config, InvitationConfig.DEFAULT);
  }

  @Override
  protected ServiceSchema schema() {
    return SCHEMA;
  }

  @Override
  protected Future<?> startParts(Router router, TokenVerifier verifier) {
    router.route("/api/*").handler(new Authentication(verifier)).handler(new Profiles(database).syncHandler());
    Invitations invitationTokens = new Invitations(invitations);
    new EventRoutes(database, invitationTokens).mount(router);
    new EventLinkRoutes(database).mount(router);
    new TeamRoutes(database, invitationTokens).mount(router);
    new DirectoryRoutes(database).mount(router);
    new ActivityRoutes(database).mount(router);
    new NotificationRoutes(database).mount(router);
    return deployConsumer(new ActivityProjection(config.kafka(), database))
        .compose(id -> deployConsumer(new TaskSummaryProjection(config.kafka(), database)))
        .compose(id -> deployConsumer(new BudgetSummaryProjection(config.kafka(), database)))
        .compose(id -> deployConsumer(new InboxProjection(config.kafka(), database)));
  }
}
