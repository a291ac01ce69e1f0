package com.fashionos.embedded;

import java.util.concurrent.CountDownLatch;

/**
 * The embedded KRaft node ({@link EmbeddedKafka}) as a process of its own, for tests where Kafka
 * must be external to every service, as in a cluster: {@code KafkaBrokerMain <port>} starts a
 * throw-away broker on 127.0.0.1:port, prints {@link #READY} and the address once clients can
 * use it, and runs until SIGTERM, which shuts it down and deletes its data.
 */
public final class KafkaBrokerMain {
  /** The line printed when the broker answers clients: {@code kafka ready at 127.0.0.1:<port>}. */
  public static final String READY = "kafka ready at ";

  private KafkaBrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: KafkaBrokerMain <port>");
      System.exit(2);
    }
    EmbeddedKafka kafka = EmbeddedKafka.startTransient(Integer.parseInt(args[0]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "kafka-broker-stop"));
    System.out.println(READY + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
  }
}
