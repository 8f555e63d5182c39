package io.switchboard.task.support;

import io.switchboard.testing.http.Api;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.kafka.KafkaTestBroker;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole task-service (web server, Kafka loops) started in this JVM on the shared test broker, on a free port.
 * Several can run at once, as separate instances of one deployment.
 */
public final class TaskServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private TaskServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static TaskServiceInstance start(String topicPrefix, String instanceId, String... extraArgs) {
        String[] args = new String[4 + extraArgs.length];
        args[0] = "--server.port=0";
        args[1] = "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers();
        args[2] = "--switchboard.topic-prefix=" + topicPrefix;
        args[3] = "--switchboard.instance-id=" + instanceId;
        System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
        return new TaskServiceInstance(TaskServiceApplication.application().run(args));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public Api api() {
        return new Api(port());
    }

    @Override
    public void close() {
        context.close();
    }
}
