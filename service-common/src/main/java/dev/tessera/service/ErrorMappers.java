package dev.tessera.service;

import dev.tessera.safety.pii.PiiInputTooLargeException;
import dev.tessera.safety.screening.ScreeningInputTooLargeException;
import dev.tessera.sdk.InvalidInputException;
import dev.tessera.service.Dtos.ErrorResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a JSON {@link ErrorResponse} with a status that says whose problem it is. Messages are the
 * exceptions' own, which never quote the request text.
 */
public class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, HttpHeaders headers) {
        return error(Response.Status.BAD_REQUEST, e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public Response tooLarge(PiiInputTooLargeException e, HttpHeaders headers) {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public Response tooLarge(ScreeningInputTooLargeException e, HttpHeaders headers) {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), headers);
    }

    @ServerExceptionMapper
    public Response busy(BulkheadException e, HttpHeaders headers) {
        return withRetry(error(Response.Status.TOO_MANY_REQUESTS, "too many requests in flight; retry shortly",
                headers));
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, HttpHeaders headers) {
        return withRetry(error(Response.Status.SERVICE_UNAVAILABLE, "the request took longer than its deadline",
                headers));
    }

    @ServerExceptionMapper
    public Response unavailable(EvidenceUnavailableException e, HttpHeaders headers) {
        return withRetry(error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), headers));
    }

    private static Response withRetry(Response response) {
        return Response.fromResponse(response).header("Retry-After", "5").build();
    }

    private static Response error(Response.Status status, String reason, HttpHeaders headers) {
        String requestId = headers == null ? null : headers.getHeaderString(RequestIds.HEADER);
        String id = RequestIds.accept(requestId);
        if (status.getStatusCode() >= 500) {
            LOG.warn("request {}: {} {}", id, status.getStatusCode(), reason);
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header(RequestIds.HEADER, id)
                .entity(new ErrorResponse(status.getStatusCode(), status.getReasonPhrase(), reason, id))
                .build();
    }
}
