package io.switchboard.gateway.audit;

import io.switchboard.aggregate.KafkaClients;
import io.switchboard.events.serde.MessageCodec;
import io.switchboard.gateway.security.AccessPolicy;
import io.switchboard.gateway.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(KafkaClients clients, MessageCodec codec, SecurityProperties security) {
        return new AuditLog(clients.forPart("audit"), codec, security.audit().keep(),
                security.audit().writeTimeout());
    }

    @Bean
    @Order(AuditTrail.ORDER)
    AuditTrail auditTrail(AuditLog log, AccessPolicy policy, Clock clock) {
        return new AuditTrail(log, policy, clock);
    }
}
