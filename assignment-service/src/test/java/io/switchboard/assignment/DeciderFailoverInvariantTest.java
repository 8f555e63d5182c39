package io.switchboard.assignment;

import io.switchboard.agent.AgentRegistryApplication;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.events.assignment.AssignmentDecided;
import io.switchboard.events.command.CommandMeta;
import io.switchboard.events.command.CompleteTask;
import io.switchboard.events.command.CreateTask;
import io.switchboard.events.command.StartTask;
import io.switchboard.events.command.TaskCommand;
import io.switchboard.events.serde.MessageDeserializer;
import io.switchboard.events.serde.MessageSerializer;
import io.switchboard.events.task.AssignmentMode;
import io.switchboard.events.task.Priority;
import io.switchboard.events.task.TaskAssigned;
import io.switchboard.events.task.TaskCancelled;
import io.switchboard.events.task.TaskCompleted;
import io.switchboard.events.task.TaskEvent;
import io.switchboard.events.task.TaskFailed;
import io.switchboard.events.task.TaskSpec;
import io.switchboard.task.TaskServiceApplication;
import io.switchboard.testing.http.Api;
import io.switchboard.testing.kafka.KafkaTestBroker;
import io.switchboard.testing.kafka.TopicReader;
import io.switchboard.testing.kafka.WithKafka;
import io.switchboard.testing.process.ChildService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The invariant test: two deciders in their own processes, thousands of tasks with random priorities and capability
 * sets, agents with random limits that finish their tasks at random, and the active decider killed with SIGKILL in
 * the middle. Then, from the Kafka event log alone: no task held by two agents at once, no agent ever over its
 * limit, every task assigned and finished, and no P3 decided while a P0 its agent could have taken was waiting.
 * The task count is {@code -Dswitchboard.invariant.tasks} (10,000 by default).
 */
@WithKafka
class DeciderFailoverInvariantTest {

    private static final Topics TOPICS = new Topics("invariant-");
    private static final int TASKS = Integer.getInteger("switchboard.invariant.tasks", 10_000);
    private static final int AGENTS = 50;
    private static final List<String> CAPABILITIES = List.of("python", "java", "docs", "deploy", "review", "sql");
    private final Random random = new Random(20260112);

    private record AgentSpec(String id, Set<String> capabilities, int limit) {
    }

    @Test
    void noDoubleAssignmentNoOverloadAndPriorityOrderSurviveKillingTheActiveDecider() throws Exception {
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
        try (KafkaProducer<String, Object> producer = producer()) {
            services.add(TaskServiceApplication.application().run(args("tasks")));
            services.add(AgentRegistryApplication.application().run(args("agents")));
            Api agentsApi = api(services.get(1));

            List<AgentSpec> agents = agents();
            for (AgentSpec agent : agents) {
                assertThat(agentsApi.post("/api/agents", "{\"id\":\"" + agent.id() + "\",\"capabilities\":"
                        + json(agent.capabilities()) + ",\"maxConcurrentTasks\":" + agent.limit()
                        + ",\"heartbeatIntervalMs\":0}").status()).isEqualTo(201);
            }
            Map<String, Priority> priorities = new HashMap<>();
            Map<String, Set<String>> required = new HashMap<>();
            for (int i = 0; i < TASKS; i++) {
                String id = "INV-" + i;
                Priority priority = Priority.values()[random.nextInt(4)];
                Set<String> needs = needs(agents);
                priorities.put(id, priority);
                required.put(id, needs);
                send(producer, new CreateTask(meta(id), new TaskSpec("Task " + i, null, priority, null,
                        List.copyOf(needs), null, null, null, null, AssignmentMode.AUTO, null, null)));
            }
            producer.flush();

            ChildService first = decider("decider-a");
            ChildService second = decider("decider-b");
            AtomicBoolean stop = new AtomicBoolean();
            Set<String> finished = ConcurrentHashMap.newKeySet();
            Thread simulator = new Thread(() -> simulateAgents(producer, workers, stop, finished), "agents");
            simulator.start();

            await().atMost(Duration.ofMinutes(5)).until(() -> finished.size() >= TASKS / 3);
            ChildService active = activeDecider(first, second);
            active.kill();
            ChildService survivor = active == first ? second : first;
            assertThat(survivor.alive()).isTrue();

            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> finished.size() >= TASKS);
            stop.set(true);
            simulator.join(10_000);
            survivor.close();
            verifyFromTheLog(agents, priorities, required);
        } finally {
            workers.shutdownNow();
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
        }
    }

    /** Agents take their assigned tasks, start them and complete them after a random short while. */
    private void simulateAgents(KafkaProducer<String, Object> producer, ScheduledExecutorService workers,
                                AtomicBoolean stop, Set<String> finished) {
        Random timing = new Random(7);
        Set<String> seen = new HashSet<>();
        try (var assigned = TopicReader.of(TOPICS.of(MessageType.TASK_ASSIGNED), new MessageDeserializer());
             var completed = TopicReader.of(TOPICS.of(MessageType.TASK_COMPLETED), new MessageDeserializer())) {
            while (!stop.get()) {
                for (ConsumerRecord<String, Object> record : assigned.poll()) {
                    TaskAssigned event = (TaskAssigned) record.value();
                    if (seen.add(event.taskId() + "@" + event.version())) {
                        long delay = timing.nextInt(30);
                        workers.schedule(() -> {
                            send(producer, new StartTask(meta(event.taskId())));
                            send(producer, new CompleteTask(meta(event.taskId())));
                        }, delay, TimeUnit.MILLISECONDS);
                    }
                }
                completed.poll().forEach(record -> finished.add(record.key()));
            }
        }
    }

    private void verifyFromTheLog(List<AgentSpec> agents, Map<String, Priority> priorities,
                                  Map<String, Set<String>> required) {
        Map<String, AgentSpec> byId = new HashMap<>();
        agents.forEach(agent -> byId.put(agent.id(), agent));
        List<TaskEvent> events = new ArrayList<>();
        for (MessageType type : List.of(MessageType.TASK_ASSIGNED, MessageType.TASK_COMPLETED,
                MessageType.TASK_FAILED, MessageType.TASK_CANCELLED)) {
            try (var reader = TopicReader.of(TOPICS.of(type), new MessageDeserializer())) {
                reader.pollToEnd().forEach(record -> events.add((TaskEvent) record.value()));
            }
        }
        // Per task, in version order: an assignment is always followed by its end before the next one.
        Map<String, List<TaskEvent>> byTask = new HashMap<>();
        events.forEach(event -> byTask.computeIfAbsent(event.taskId(), id -> new ArrayList<>()).add(event));
        for (List<TaskEvent> history : byTask.values()) {
            history.sort(Comparator.comparingLong(TaskEvent::version));
            String holder = null;
            for (TaskEvent event : history) {
                if (event instanceof TaskAssigned assigned) {
                    assertThat(holder).as("task %s assigned to %s while %s held it", event.taskId(),
                            assigned.agent().id(), holder).isNull();
                    holder = assigned.agent().id();
                } else {
                    holder = null;
                }
            }
        }
        // Per agent, over time: open tasks never above its limit (an end is counted before a start at one instant).
        events.sort(Comparator.comparing(TaskEvent::time).thenComparing(e -> e instanceof TaskAssigned ? 1 : 0));
        Map<String, Integer> open = new HashMap<>();
        Map<String, String> holderOf = new HashMap<>();
        for (TaskEvent event : events) {
            if (event instanceof TaskAssigned assigned) {
                String agent = assigned.agent().id();
                holderOf.put(event.taskId(), agent);
                int now = open.merge(agent, 1, Integer::sum);
                assertThat(now).as("agent %s open tasks at %s", agent, event.time())
                        .isLessThanOrEqualTo(byId.get(agent).limit());
            } else {
                String agent = holderOf.remove(event.taskId());
                if (agent != null) {
                    open.merge(agent, -1, Integer::sum);
                }
            }
        }
        // Every task assigned and finished.
        long completed = events.stream().filter(TaskCompleted.class::isInstance).map(TaskEvent::taskId).distinct()
                .count();
        assertThat(completed).isEqualTo(TASKS);
        assertThat(events.stream().filter(e -> e instanceof TaskFailed || e instanceof TaskCancelled)).isEmpty();
        // No P3 decided while a P0 that its agent could take was still waiting for its first decision.
        Map<String, Instant> firstDecision = new HashMap<>();
        List<AssignmentDecided> decisions = new ArrayList<>();
        try (var reader = TopicReader.of(TOPICS.of(MessageType.ASSIGNMENT_DECIDED), new MessageDeserializer())) {
            reader.pollToEnd().forEach(record -> decisions.add((AssignmentDecided) record.value()));
        }
        decisions.forEach(d -> firstDecision.merge(d.taskId(), d.time(), (a, b) -> a.isBefore(b) ? a : b));
        List<String> p0 = priorities.entrySet().stream().filter(e -> e.getValue() == Priority.P0)
                .map(Map.Entry::getKey).toList();
        for (AssignmentDecided decision : decisions) {
            if (priorities.get(decision.taskId()) != Priority.P3) {
                continue;
            }
            Set<String> capabilities = byId.get(decision.agentId()).capabilities();
            for (String urgent : p0) {
                if (capabilities.containsAll(required.get(urgent))) {
                    assertThat(firstDecision.get(urgent)).as("P0 %s waited while P3 %s went to %s at %s", urgent,
                            decision.taskId(), decision.agentId(), decision.time())
                            .isBeforeOrEqualTo(decision.time());
                }
            }
        }
    }

    private List<AgentSpec> agents() {
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            Set<String> capabilities = new HashSet<>();
            capabilities.add(CAPABILITIES.get(i % CAPABILITIES.size()));
            for (int extra = random.nextInt(3); extra > 0; extra--) {
                capabilities.add(CAPABILITIES.get(random.nextInt(CAPABILITIES.size())));
            }
            agents.add(new AgentSpec("inv-agent-" + i, capabilities, 1 + random.nextInt(4)));
        }
        return agents;
    }

    /** One or two capabilities that at least one agent has together. */
    private Set<String> needs(List<AgentSpec> agents) {
        AgentSpec able = agents.get(random.nextInt(agents.size()));
        List<String> own = new ArrayList<>(able.capabilities());
        Set<String> needs = new HashSet<>();
        needs.add(own.get(random.nextInt(own.size())));
        if (random.nextBoolean()) {
            needs.add(own.get(random.nextInt(own.size())));
        }
        return needs;
    }

    private ChildService decider(String instance) {
        return ChildService.start("assignment-" + instance, AssignmentApplication.class,
                "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + TOPICS.prefix(), "--switchboard.instance-id=" + instance);
    }

    /** The decider whose consumer owns the request partition, as the group coordinator says. */
    private ChildService activeDecider(ChildService first, ChildService second) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers()))) {
            String group = TOPICS.name("assignment-service");
            await().atMost(Duration.ofSeconds(30)).until(() -> owner(admin, group) != null);
            String owner = owner(admin, group);
            return owner.contains("decider-a") ? first : second;
        }
    }

    private static String owner(Admin admin, String group) throws Exception {
        for (MemberDescription member : admin.describeConsumerGroups(List.of(group)).all().get()
                .get(group).members()) {
            if (!member.assignment().topicPartitions().isEmpty()) {
                return member.clientId();
            }
        }
        return null;
    }

    private static KafkaProducer<String, Object> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5, MessageSerializer.SOURCE_CONFIG, "/invariant-test"),
                new StringSerializer(), new MessageSerializer());
    }

    private static void send(KafkaProducer<String, Object> producer, TaskCommand command) {
        producer.send(new ProducerRecord<>(TOPICS.name(Topics.TASK_COMMANDS), command.taskId(), command));
    }

    private static CommandMeta meta(String taskId) {
        return new CommandMeta(java.util.UUID.randomUUID().toString(), taskId, "invariant-test", Instant.now(), null,
                null);
    }

    private static String[] args(String instance) {
        return new String[] {"--server.port=0", "--spring.kafka.bootstrap-servers=" + KafkaTestBroker.bootstrapServers(),
                "--switchboard.topic-prefix=" + TOPICS.prefix(), "--switchboard.instance-id=invariant-" + instance};
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static String json(Set<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + "," + b).map(v -> "[" + v + "]")
                .orElse("[]");
    }
}
