package dev.orchestrator.agent.api;

import java.io.IOException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's outermost handler: finds the request's route (a 404 or 405 in JSON when there is none) and hands the
 * request on to the checks and the route with the route attached ({@link #found}); whatever fails below is
 * answered through the {@link ErrorMapper}, so a connection is never just dropped, and noted in the
 * {@link AuditTrail} (a refused POST too).
 */
final class Routing extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(Routing.class);
    private static final String FOUND = Router.Found.class.getName();

    private final Router router;
    private final ResponseWriter writer;
    private final ErrorMapper errors;
    private final AuditTrail audit;

    Routing(Router router, ResponseWriter writer, ErrorMapper errors, AuditTrail audit, Handler next) {
        super(next);
        this.router = router;
        this.writer = writer;
        this.errors = errors;
        this.audit = audit;
    }

    /** The route a request was found to go to, for the handlers after this one. */
    static Router.Found found(Request request) {
        return (Router.Found) request.getAttribute(FOUND);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        try {
            try {
                String path = request.getHttpURI().getDecodedPath();
                Router.Lookup lookup = router.find(request.getMethod(), path);
                if (lookup instanceof Router.Found found) {
                    request.setAttribute(FOUND, found);
                    return super.handle(request, response, callback);
                }
                throw lookup instanceof Router.WrongMethod
                        ? new ApiException(
                                405, "method_not_allowed", request.getMethod() + " is not allowed on " + path)
                        : ApiException.notFound(
                                "no endpoint " + path + "; the endpoints are listed in the README, " + "section API");
            } catch (RuntimeException e) {
                ApiException refusal = errors.map(request, e);
                audit.record(request, refusal.status());
                writer.error(response, callback, refusal);
                return true;
            }
        } catch (IOException e) {
            // the client went away while the answer was written: nothing left to answer
            LOG.debug(
                    "{} {} ended early: {}",
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    e.toString());
            callback.failed(e);
            return true;
        }
    }
}
