package de.servicekonto.activity;

import de.servicekonto.rest.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api/account-api.yaml names every operation and error code of the activity log. */
class AccountApiDocumentTest {

    @Test
    void givenTheResource_thenTheDocumentHasEveryOperationAndErrorCodeAndNoOther() {
        // The document's server is the realm; its paths start at the resource's mount point.
        OpenApiContract.of(Path.of("../../docs/api/account-api.yaml"), "/" + ActivityResourceFactory.ID)
                .resource(ActivityResource.class)
                .errorsFrom(Path.of("src/main/java/de/servicekonto/activity/ActivityResource.java"), "ApiException")
                // providers/rest's BodyTypeFilter (BodyTypeRule.ERROR) answers before the resource on these paths.
                .alsoAnswers(415, "unsupported_media_type")
                .sharedPlumbing().queryParams()
                .verify();
    }
}
