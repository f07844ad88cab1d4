package de.servicekonto.dokumentensafe.rest;

import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.dokumentensafe.ContentReads;
import de.servicekonto.dokumentensafe.Documents;
import de.servicekonto.dokumentensafe.SafeSettings;
import de.servicekonto.rest.ApiException;
import de.servicekonto.rest.JsonBody;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.QueryParams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * {@code me}: the caller's own safe (documents, folders, usage). Another person's document or folder id answers 404
 * like a missing one; every refusal is a stable error code (docs/api/dokumentensafe-api.yaml).
 */
public final class SafeResource {

    private static final Logger LOG = Logger.getLogger(SafeResource.class);
    private final SafeRequest request;

    SafeResource(SafeRequest request) {
        this.request = request;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response usage() {
        return request.ok(SafeRequest.READ, (safe, owner) -> safe.documents().usage(owner));
    }

    @GET
    @Path("documents")
    @Produces(MediaType.APPLICATION_JSON)
    public Response documents(@QueryParam("folder") String folder, @QueryParam("trash") String trash,
                              @QueryParam("q") String query, @QueryParam("first") String first,
                              @QueryParam("max") String max) {
        return request.ok(SafeRequest.READ, (safe, owner) -> {
            int limit = QueryParams.bounded("max", max, 20, 1, 100);
            if (query != null) {
                return safe.documents().search(owner, query, limit);
            }
            int offset = QueryParams.bounded("first", first, 0, 0, 100_000);
            if (trash != null && !trash.equals("true") && !trash.equals("false")) {
                throw new ApiException(400, "invalid_request", "trash is true or false");
            }
            return safe.documents().list(owner, folder, "true".equals(trash), offset, limit);
        });
    }

    @POST
    @Path("documents")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("filename") String filename, @QueryParam("folder") String folder,
                           @HeaderParam("Content-Type") String contentType, @HeaderParam("Content-Length") String length,
                           InputStream body) {
        return request.created(SafeRequest.WRITE, (safe, owner) -> {
            try {
                return safe.documents().upload(owner, filename, folder, contentType, SafeRequest.length(length), body);
            } catch (IOException e) {
                throw new ApiException(400, "upload_failed", "the upload was interrupted");
            }
        });
    }

    /** Opens an upload session for a document too large for one request (docs/dokumentensafe.md). */
    @POST
    @Path("uploads")
    @Produces(MediaType.APPLICATION_JSON)
    public Response beginUpload(InputStream body) {
        return request.created(SafeRequest.WRITE, (safe, owner) -> {
            JsonBody json = request.json(body);
            return safe.uploads().begin(owner, json.string("filename"), json.string("folder"), SafeRequest.size(json),
                    json.string("contentType"));
        });
    }

    /** One part, the raw bytes as the body; strictly in order, each exactly {@code partSize} bytes but the last. */
    @PUT
    @Path("uploads/{id}/parts/{index}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response uploadPart(@PathParam("id") String id, @PathParam("index") String index,
                               @HeaderParam("Content-Length") String length, InputStream body) {
        return request.noContent(SafeRequest.WRITE, (safe, owner) -> {
            int part = QueryParams.bounded("index", index, -1, 0, SafeSettings.MAX_PARTS - 1);
            try {
                safe.uploads().part(owner, id, part, SafeRequest.length(length), body);
            } catch (IOException e) {
                throw new ApiException(400, "upload_failed", "the upload was interrupted");
            }
            return null;
        });
    }

    @POST
    @Path("uploads/{id}/complete")
    @Produces(MediaType.APPLICATION_JSON)
    public Response completeUpload(@PathParam("id") String id) {
        return request.created(SafeRequest.WRITE, (safe, owner) -> safe.uploads().complete(owner, id));
    }

    @DELETE
    @Path("uploads/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response abortUpload(@PathParam("id") String id) {
        return request.noContent(SafeRequest.WRITE, (safe, owner) -> {
            safe.uploads().abort(owner, id);
            return null;
        });
    }

    /**
     * The bytes, read a piece at a time (each in a short transaction of its own) and decrypted while the response
     * streams; always a download, never shown inline. Who may read it and the session's level are checked before the
     * first byte; a document that fails authentication or is deleted meanwhile aborts the response.
     */
    @GET
    @Path("documents/{id}/content")
    public Response content(@PathParam("id") String id) {
        Response response = request.respond(SafeRequest.READ, (safe, owner) -> {
            Documents.Download download;
            try {
                download = safe.documents().download(owner, id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ContentReads reads = request.ownTransactions();
            StreamingOutput stream = out -> {
                try {
                    download.writeTo(out, reads);
                } catch (DecryptionException e) {
                    // Abort the response: each segment sent was authentic, the whole is not.
                    LOG.warnf("A Dokumentensafe document failed authentication while streaming");
                    throw new IOException("document failed authentication", e);
                } catch (Documents.Gone e) {
                    LOG.debugf("A Dokumentensafe document was deleted while it was downloaded");
                    throw e;
                }
            };
            return ApiResponses.download(stream, download.mimeType(), download.size(), download.name());
        });
        // Committed before the first byte: a slow client holds no transaction while it reads.
        request.endTransaction();
        return response;
    }

    @POST
    @Path("documents/{id}/rename")
    @Produces(MediaType.APPLICATION_JSON)
    public Response renameDocument(@PathParam("id") String id, InputStream body) {
        return request.ok(SafeRequest.WRITE, (safe, owner) ->
                safe.documents().rename(owner, id, request.json(body).string("name")));
    }

    @POST
    @Path("documents/{id}/move")
    @Produces(MediaType.APPLICATION_JSON)
    public Response moveDocument(@PathParam("id") String id, InputStream body) {
        return request.noContent(SafeRequest.WRITE, (safe, owner) -> {
            JsonBody json = request.json(body);
            safe.documents().move(owner, id, json.string("folder"));
            return null;
        });
    }

    @DELETE
    @Path("documents/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteDocument(@PathParam("id") String id) {
        return request.ok(SafeRequest.WRITE, (safe, owner) -> safe.documents().delete(owner, id));
    }

    @POST
    @Path("documents/{id}/restore")
    @Produces(MediaType.APPLICATION_JSON)
    public Response restoreDocument(@PathParam("id") String id) {
        return request.noContent(SafeRequest.WRITE, (safe, owner) -> {
            safe.documents().restore(owner, id);
            return null;
        });
    }

    @GET
    @Path("folders")
    @Produces(MediaType.APPLICATION_JSON)
    public Response folders() {
        return request.ok(SafeRequest.READ, (safe, owner) -> safe.folders().list(owner));
    }

    @POST
    @Path("folders")
    @Produces(MediaType.APPLICATION_JSON)
    public Response createFolder(InputStream body) {
        return request.created(SafeRequest.WRITE, (safe, owner) -> {
            JsonBody json = request.json(body);
            return safe.folders().create(owner, json.string("name"), json.string("parent"));
        });
    }

    @POST
    @Path("folders/{id}/rename")
    @Produces(MediaType.APPLICATION_JSON)
    public Response renameFolder(@PathParam("id") String id, InputStream body) {
        return request.ok(SafeRequest.WRITE, (safe, owner) -> safe.folders().rename(owner, id, request.json(body).string("name")));
    }

    @POST
    @Path("folders/{id}/move")
    @Produces(MediaType.APPLICATION_JSON)
    public Response moveFolder(@PathParam("id") String id, InputStream body) {
        return request.noContent(SafeRequest.WRITE, (safe, owner) -> {
            safe.folders().move(owner, id, request.json(body).string("parent"));
            return null;
        });
    }

    @DELETE
    @Path("folders/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteFolder(@PathParam("id") String id) {
        return request.noContent(SafeRequest.WRITE, (safe, owner) -> {
            safe.folders().delete(owner, id);
            return null;
        });
    }
}
