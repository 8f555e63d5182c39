package io.switchboard.task;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** task-service: the only writer of tasks and of the public {@code task.*} lifecycle topics. */
@SpringBootApplication
public class TaskServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application, reading {@code task-service.yml}: each service names its own configuration file, so that
     * several services can share one class path (the registry's tests run a task-service too).
     */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(TaskServiceApplication.class).properties("spring.config.name=task-service");
    }
}
