package de.servicekonto.eid.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory, but no more than a limit: beyond it the download is cancelled (which closes
 * the connection) and the body fails with {@link TooLarge}. One handler serves one request; {@link #abort()} stops
 * a download from another thread, for instance when the overall deadline has passed.
 */
final class BoundedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    /** The response body exceeds the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    private final int limit;
    private volatile Subscriber subscriber;

    BoundedBodyHandler(int limit) {
        this.limit = limit;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
        Subscriber created = new Subscriber(limit, declared.isPresent() && declared.getAsLong() > limit);
        subscriber = created;
        return created;
    }

    /** Cancels the download, if one has started. */
    void abort() {
        Subscriber current = subscriber;
        if (current != null) {
            current.abort();
        }
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final boolean tooLargeUpFront;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Subscriber(int limit, boolean tooLargeUpFront) {
            this.limit = limit;
            this.tooLargeUpFront = tooLargeUpFront;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription) {
            if (subscription != null) {
                newSubscription.cancel();
                return;
            }
            subscription = newSubscription;
            if (tooLargeUpFront) {
                fail(new TooLarge(limit));
            } else if (body.isDone()) {
                newSubscription.cancel();
            } else {
                newSubscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer chunk : buffers) {
                if (buffer.size() + (long) chunk.remaining() > limit) {
                    fail(new TooLarge(limit));
                    return;
                }
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                buffer.write(bytes, 0, bytes.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }

        void abort() {
            fail(new IOException("response body download aborted"));
        }

        private void fail(IOException error) {
            body.completeExceptionally(error);
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
