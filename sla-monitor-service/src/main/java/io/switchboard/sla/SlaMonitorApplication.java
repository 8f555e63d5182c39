package io.switchboard.sla;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** sla-monitor-service: the owner of SLA clocks and of the {@code task.sla-*} topics. */
@SpringBootApplication
public class SlaMonitorApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application, reading {@code sla-monitor-service.yml} (see the task-service application for why). */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SlaMonitorApplication.class)
                .properties("spring.config.name=sla-monitor-service");
    }
}
