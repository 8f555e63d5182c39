package io.switchboard.bench.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The least an HTTP proxy on Reactor Netty does: every request forwarded as it came (method, path, headers, body) to
 * one target over pooled connections, the answer passed back as it came. No routing table, security, rate limits,
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
        DisposableServer server = HttpServer.create().port(port).handle((request, response) -> client
                .headers(headers -> {
                    copy(request.requestHeaders(), headers);
                    if (extra != null) {
                        headers.set(extra.substring(0, extra.indexOf(':')), extra.substring(extra.indexOf(':') + 1).trim());
                    }
                })
                .request(request.method()).uri(request.uri())
                .send(request.receive().retain())
                .response((answer, body) -> {
                    response.status(answer.status());
                    copy(answer.responseHeaders(), response.responseHeaders());
                    return response.send(body.retain());
                })).bindNow();
        System.out.println("bare proxy on :" + port + " to " + target);
        server.onDispose().block();
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        from.forEach(header -> {
            if (!header.getKey().equalsIgnoreCase(HttpHeaderNames.HOST.toString())) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }
}
