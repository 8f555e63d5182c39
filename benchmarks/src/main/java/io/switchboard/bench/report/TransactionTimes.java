package io.switchboard.bench.report;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long each service's transactional loop waits on the broker, read from the Kafka clients' own JMX metrics in
 * the running processes (attached by pid, as jcmd does; nothing to configure in the services): the time spent in
 * {@code sendOffsetsToTransaction} and {@code commitTransaction} of every transactional producer, and the broker's
 * count of transactions ended and of offset commits refused with {@code CONCURRENT_TRANSACTIONS} (a transaction begun
 * while the previous one's markers are still being written). Written twice, around a run; the report takes the
 * difference over the run's wall time.
 *
 * <pre>TransactionTimes --pids=task-service:123,assignment-service:456 --broker=789 --out=before.properties</pre>
 */
public final class TransactionTimes {

    private static final String[] PRODUCER_TIMES = {"txn-send-offsets-time-ns-total", "txn-commit-time-ns-total"};

    private TransactionTimes() {
    }

    public static void main(String[] args) throws Exception {
        Cli cli = new Cli(args);
        Map<String, Object> results = new TreeMap<>();
        results.put("at_ms", System.currentTimeMillis());
        for (String named : cli.require("pids").split(",")) {
            String[] parts = named.split(":");
            String service = parts[0];
            read(parts[1], server -> {
                for (ObjectName producer : server.queryNames(
                        new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
                    if (!producer.getKeyProperty("client-id").contains("-tx-")) {
                        continue; // only the transactional producers' loops wait on transactions
                    }
                    for (String time : PRODUCER_TIMES) {
                        String key = service + "." + time.replace("txn-", "").replace("-time-ns-total", "") + "_ns";
                        double value = ((Number) server.getAttribute(producer, time)).doubleValue();
                        results.merge(key, value, (a, b) -> ((Double) a) + ((Double) b));
                    }
                }
            });
        }
        read(cli.require("broker"), server -> {
            results.put("broker.end_txn", requests(server, "EndTxn"));
            long refused = 0;
            for (ObjectName errors : server.queryNames(new ObjectName(
                    "kafka.network:type=RequestMetrics,name=ErrorsPerSec,request=TxnOffsetCommit,"
                            + "error=CONCURRENT_TRANSACTIONS"), null)) {
                refused += ((Number) server.getAttribute(errors, "Count")).longValue();
            }
            results.put("broker.txn_offset_commit_concurrent_transactions", refused);
        });
        Cli.writeResults(Path.of(cli.require("out")), results);
    }

    private static long requests(MBeanServerConnection server, String request) throws Exception {
        long count = 0;
        for (ObjectName name : server.queryNames(new ObjectName(
                "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=" + request + ",*"), null)) {
            count += ((Number) server.getAttribute(name, "Count")).longValue();
        }
        return count;
    }

    private interface Reading {
        void from(MBeanServerConnection server) throws Exception;
    }

    private static void read(String pid, Reading reading) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
            reading.from(connector.getMBeanServerConnection());
        } finally {
            vm.detach();
        }
    }
}
