package dev.orchestrator.agent.api;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bound to this machine only, the API answers only requests addressed to this machine: a web page in a browser
 * here cannot reach it through a DNS name that points at 127.0.0.1 (DNS rebinding). Others are refused 403. Only
 * in the chain of a server bound to a loopback address.
 */
final class HostCheck extends Handler.Wrapper {

    HostCheck(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHeaders().get(HttpHeader.HOST);
        String name = host == null
                ? ""
                : host.startsWith("[")
                        ? host.substring(0, host.indexOf(']') + 1)
                        : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        if (!name.equalsIgnoreCase("localhost") && !name.equals("127.0.0.1") && !name.equals("[::1]")) {
            throw new ApiException(
                    403,
                    "forbidden",
                    "the agent listens on this machine only and answers requests "
                            + "for localhost or 127.0.0.1, not for '" + host
                            + "'; start it with --bind to serve others");
        }
        return super.handle(request, response, callback);
    }
}
