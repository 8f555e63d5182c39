package io.switchboard.bench.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The least an HTTP proxy on Reactor Netty does: every read forwarded as it came (path, headers) to one target over
 * pooled connections, the answer passed back as it came. No routing table, security, rate limits,
 * breakers or audit: measured next to the gateway in the same run (bench/reads-vs-seed.sh), its CPU per request is
 * the floor the gateway's own cost is compared with.
 *
 * <pre>java -cp benchmarks.jar io.switchboard.bench.proxy.BareProxy PORT TARGET_URL [HEADER: VALUE]</pre>
 * The optional header is added to every forwarded request (the gateway token a service asks for).
 */
public final class BareProxy {

    private BareProxy() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String target = args[1];
        String extra = args.length > 2 ? args[2] : null;
        HttpClient client = HttpClient.create(ConnectionProvider.builder("bare-proxy").maxConnections(500).build())
                .baseUrl(target);
        // Loopback only, reads only: it sends the gateway token, so it must not become a door past the gateway.
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port).handle((request, response) ->
                HttpMethod.GET.equals(request.method()) ? forward(client, extra, request, response)
                        : response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send()).bindNow();
        System.out.println("bare proxy on :" + port + " to " + target);
        server.onDispose().block();
    }

    private static Publisher<Void> forward(HttpClient client, String extra, HttpServerRequest request,
                                           HttpServerResponse response) {
        return client.headers(headers -> {
                    copy(request.requestHeaders(), headers);
                    if (extra != null) {
                        headers.set(extra.substring(0, extra.indexOf(':')), extra.substring(extra.indexOf(':') + 1).trim());
                    }
                })
                .get().uri(request.uri())
                .response((answer, body) -> {
                    response.status(answer.status());
                    copy(answer.responseHeaders(), response.responseHeaders());
                    return response.send(body.retain());
                });
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        from.forEach(header -> {
            if (!header.getKey().equalsIgnoreCase(HttpHeaderNames.HOST.toString())) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }
}
