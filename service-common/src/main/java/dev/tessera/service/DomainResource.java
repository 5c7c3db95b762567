package dev.tessera.service;

import dev.tessera.service.Dtos.AskRequest;
import dev.tessera.service.Dtos.ScreenRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The REST API every domain service offers; the logic is in {@link DomainService}. */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DomainResource {

    private final DomainService service;

    public DomainResource(DomainService service) {
        this.service = service;
    }

    @POST
    @Path("/ask")
    @Operation(summary = "Answer a question from the domain's knowledge graph, through safety layers 1 to 3")
    @APIResponse(responseCode = "200", description = "Answered, refused (with the reason codes) or no evidence")
    @APIResponse(responseCode = "400", description = "Missing, blank or over-long question; unknown language")
    @APIResponse(responseCode = "429", description = "Too many requests in flight")
    @APIResponse(responseCode = "503", description = "Knowledge graph unavailable; retry later")
    public Response ask(AskRequest request, @HeaderParam(RequestIds.HEADER) String requestId) {
        String id = RequestIds.accept(requestId);
        return ok(service.ask(request, id), id);
    }

    @POST
    @Path("/screen")
    @Operation(summary = "Layer 1 only: PII (with the redacted text), prompt injection, toxicity and scope")
    @APIResponse(responseCode = "200", description = "Screened; blocked tells whether ask would refuse it")
    @APIResponse(responseCode = "400", description = "Missing, blank or over-long text")
    @APIResponse(responseCode = "413", description = "Text beyond the screens' size limits")
    public Response screen(ScreenRequest request, @HeaderParam(RequestIds.HEADER) String requestId) {
        String id = RequestIds.accept(requestId);
        return ok(service.screen(request, id), id);
    }

    private static Response ok(Object body, String requestId) {
        return Response.ok(body).header(RequestIds.HEADER, requestId).build();
    }
}
