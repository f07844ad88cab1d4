package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiContractTest {

    @TempDir
    java.nio.file.Path dir;

    public static class Box {
        @GET
        @Path("items/{item}")
        public String item(@PathParam("item") String item) {
            return item;
        }
    }

    public static class Resource {
        @GET
        @Path("boxes/{box}")
        public String box(@PathParam("box") String box) {
            return box;
        }

        @POST
        @Path("boxes/{box}")
        public String post(@PathParam("box") String box) {
            return box;
        }

        @DELETE
        @Path("/boxes/{box}/")
        public void delete(@PathParam("box") String box) {
        }

        @Path("boxes/{box}/sub")
        public Box locator() {
            return new Box();
        }

        public Object notAnEndpoint() {
            return null;
        }
    }

    private static final String SOURCE = """
            class S {
                void f(boolean b) {
                    throw new AppException(403, "forbidden", "no");
                }
                void g(boolean b) {
                    throw new AppException(409,
                            b ? "taken" : "gone", "conflict");
                }
                static final String LIMIT = "limit_reached";
                void h() {
                    throw new AppException(429, LIMIT, "later");
                }
                Object i() {
                    return error(Response.Status.NOT_FOUND, "missing", "not here");
                }
                Object j(AppException e) {
                    return error(e.status(), e.code(), e.getMessage());
                }
            }
            """;

    private static final String DOCUMENT = """
            openapi: 3.0.3
            info:
              description: |
                Errors: forbidden (403), taken and gone (409), limit_reached (429), missing (404).
            paths:
              /api/boxes/{id}:
                get:
                  responses:
                    '200': { description: ok }
                    '403': { description: forbidden }
                post:
                  responses:
                    '404': { description: missing }
                delete:
                  responses:
                    '409': { description: taken or gone }
              /api/boxes/{b}/sub/items/{i}:
                get:
                  responses:
                    '429': { description: limit_reached }
            components:
              responses:
                Other: { description: not counted }
            """;

    private OpenApiContract contract(String document) throws IOException {
        java.nio.file.Path yaml = Files.writeString(dir.resolve("api.yaml"), document);
        java.nio.file.Path source = Files.writeString(dir.resolve("S.java"), SOURCE);
        return OpenApiContract.of(yaml, "/api").resource(Resource.class).errorsFrom(source, "AppException");
    }

    @Test
    void givenMatchingDocument_thenNoProblem_pathParameterNamesAside() throws IOException {
        assertThat(contract(DOCUMENT).problems()).isEmpty();
    }

    @Test
    void givenSource_thenCodesAreReadWithTheirStatus() throws IOException {
        assertThat(contract(DOCUMENT).errorCodes()).containsOnlyKeys("forbidden", "taken", "gone", "limit_reached", "missing");
        assertThat(contract(DOCUMENT).errorCodes().get("missing")).containsExactly(404);
        assertThat(contract(DOCUMENT).errorCodes().get("limit_reached")).containsExactly(429);
    }

    @Test
    void givenPathMissingFromTheDocument_thenTheOperationIsNamed() throws IOException {
        String document = DOCUMENT.replace("""
                    post:
                      responses:
                        '404': { description: missing }
                """, "");
        assertThat(contract(document).problems()).containsExactly(
                "undocumented operation POST /api/boxes/{box}",
                "status 404 of error code missing is among no operation's responses");
    }

    @Test
    void givenDocumentedPathNotImplemented_thenItIsNamed() throws IOException {
        String document = DOCUMENT.replace("/api/boxes/{b}/sub/items/{i}:", "/api/boxes/{b}/sub/things/{i}:");
        assertThat(contract(document).problems()).containsExactly(
                "undocumented operation GET /api/boxes/{box}/sub/items/{item}",
                "documented operation not implemented: GET /api/boxes/{}/sub/things/{}");
    }

    @Test
    void givenCodeTheDocumentDoesNotName_thenVerifyFailsNamingIt() throws IOException {
        String document = DOCUMENT.replace("taken and gone", "taken").replace("taken or gone", "taken");
        assertThatThrownBy(() -> contract(document).verify()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("api.yaml disagrees with the code")
                .hasMessageContaining("error code gone ([409]) is not named in the document");
    }

    @Test
    void givenCodeOnlyInsideALongerWord_thenItIsNotNamed() throws IOException {
        String document = DOCUMENT.replace("missing (404)", "missing_thing (404)").replace("description: missing }", "description: x }");
        assertThat(contract(document).problems()).containsExactly("error code missing ([404]) is not named in the document");
    }
}
