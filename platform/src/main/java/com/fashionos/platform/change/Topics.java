package com.fashionos.platform.change;

import com.fashionos.platform.config.KafkaConfig;
import java.time.Duration;
import java.util.List;

/**
 * Every Kafka topic of the system, with its partitions and retention, in one place. Change
 * topics keep 30 days so a reconnecting client or a rebuilt read model can replay from them.
 */
public final class Topics {
  public record Topic(String name, Duration retention) {}

  public static final Topic EVENTS = new Topic("fashionos.events.v1", Duration.ofDays(30));
  public static final Topic TASKS = new Topic("fashionos.tasks.v1", Duration.ofDays(30));
  public static final Topic BUDGET = new Topic("fashionos.budget.v1", Duration.ofDays(30));
  public static final Topic FILES = new Topic("fashionos.files.v1", Duration.ofDays(30));
  /** Commands: generated task batches from the AI worker to tasks-service. */
  public static final Topic TASK_BATCHES = new Topic("fashionos.task-batches.v1", Duration.ofDays(7));

  /** Who views which event on which realtime gateway replica; only the last few seconds matter. */
  public static final Topic PRESENCE = new Topic("fashionos.presence.v1", Duration.ofHours(1));

  public static final List<Topic> ALL = List.of(EVENTS, TASKS, BUDGET, FILES, TASK_BATCHES, PRESENCE);

  private Topics() {}

  /** The topic's name in this deployment (tests prefix names to stay apart). */
  public static String name(KafkaConfig config, Topic topic) {
    return config.topicPrefix() + topic.name();
  }
}
