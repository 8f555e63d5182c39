package io.switchboard.assignment;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** assignment-service: the owner of assignment decisions. */
@SpringBootApplication
public class AssignmentApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application, reading {@code assignment-service.yml} (see the task-service application for why). */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AssignmentApplication.class)
                .properties("spring.config.name=assignment-service");
    }
}
