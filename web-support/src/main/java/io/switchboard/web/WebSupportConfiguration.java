package io.switchboard.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Import this into a service: JSON error answers for every failure, and JSON-only bodies on writes. */
@Configuration(proxyBeanMethods = false)
@Import({ApiErrors.class, JsonOnlyFilter.class})
public class WebSupportConfiguration {
}
