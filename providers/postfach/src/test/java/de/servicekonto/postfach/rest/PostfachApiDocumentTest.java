package de.servicekonto.postfach.rest;

import de.servicekonto.rest.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api/postfach-api.yaml (also served as openapi.yaml) names every operation and error code of the Postfach. */
class PostfachApiDocumentTest {

    @Test
    void givenTheResource_thenTheDocumentHasEveryOperationAndErrorCodeAndNoOther() {
        OpenApiContract.of(Path.of("../../docs/api/postfach-api.yaml"), "")
                .resource(PostfachResource.class)
                .errorsFrom(Path.of("src/main/java"), "PostfachException", "ApiException")
                // providers/rest's BodyTypeFilter (BodyTypeRule.ERROR) answers before the resource on these paths.
                .alsoAnswers(415, "unsupported_media_type")
                .sharedPlumbing().jsonBodies().queryParams().writes()
                .verify();
    }
}
