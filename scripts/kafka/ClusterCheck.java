import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Checks a local Kafka cluster started by scripts/env-up.sh (run as a single-file program on the broker's jars):
 *
 *   java -cp 'target/env/kafka/libs/*' scripts/kafka/ClusterCheck.java BOOTSTRAP NODES [TOPIC]
 *
 * waits up to 60 s until NODES brokers are registered; with TOPIC, creates it (3 partitions, replication factor
 * NODES, min.insync.replicas NODES-1) unless it exists and prints each partition's replicas and in-sync replicas.
 * Exit status 1 when the cluster does not get there.
 */
public class ClusterCheck {

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    int nodes = Integer.parseInt(args[1]);
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(config)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int seen = 0;
      while (System.nanoTime() < deadline) {
        try {
          seen = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
          if (seen >= nodes) {
            break;
          }
        } catch (Exception notYet) {
          // the quorum is still electing its leader
        }
        Thread.sleep(500);
      }
      System.out.println("brokers registered: " + seen + " of " + nodes);
      if (seen < nodes) {
        System.exit(1);
      }
      if (args.length > 2) {
        String topic = args[2];
        NewTopic wanted = new NewTopic(topic, 3, (short) nodes)
            .configs(Map.of("min.insync.replicas", Integer.toString(Math.max(1, nodes - 1))));
        try {
          admin.createTopics(List.of(wanted)).all().get(30, TimeUnit.SECONDS);
          System.out.println("created topic " + topic + " (3 partitions, replication factor " + nodes + ")");
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          System.out.println("topic " + topic + " exists");
        }
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
            .get(topic);
        description.partitions().forEach(p -> System.out.println("  partition " + p.partition() + ": leader "
            + p.leader().id() + ", replicas " + p.replicas().stream().map(n -> n.id()).toList()
            + ", in sync " + p.isr().stream().map(n -> n.id()).toList()));
        boolean replicated = description.partitions().stream()
            .allMatch(p -> p.replicas().size() == nodes && p.isr().size() == nodes);
        if (!replicated) {
          System.out.println("not every partition has " + nodes + " in-sync replicas");
          System.exit(1);
        }
      }
    }
  }
}
