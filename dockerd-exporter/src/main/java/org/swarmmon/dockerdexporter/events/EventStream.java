package org.swarmmon.dockerdexporter.events;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.swarmmon.dockerdexporter.engine.EngineStatus;
import org.swarmmon.exportertoolkit.Backoff;

/**
 * Follows the engine's events stream on its own thread. When the engine goes away it says so in
 * {@link EngineStatus}, waits with backoff and resubscribes from the last event seen; the {@link
 * EventCursor} drops what the resumed stream repeats, so each event reaches the listeners once.
 */
public final class EventStream implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());

  private final DockerClient client;
  private final EventCursor cursor;
  private final List<EventListener> listeners;
  private final EngineStatus status;
  private final Backoff backoff;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile Closeable current;
  private volatile String streamError;
  private Thread thread;

  public EventStream(DockerClient client, EventCursor cursor, List<EventListener> listeners,
      EngineStatus status, Backoff backoff) {
    this.client = client;
    this.cursor = cursor;
    this.listeners = List.copyOf(listeners);
    this.status = status;
    this.backoff = backoff;
  }

  public synchronized void start() {
    if (thread == null) {
      thread = new Thread(this::run, "docker-events");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void run() {
    boolean resumed = false;
    while (!closing) {
      String problem = "events stream ended";
      try {
        boolean wasResumed = resumed;
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
          @Override
          public void onStart(Closeable stream) {
            super.onStart(stream);
            status.streamConnected(wasResumed);
            backoff.succeeded();
          }

          @Override
          public void onNext(Event event) {
            dispatch(EngineEvent.of(event));
          }

          @Override
          public void onError(Throwable error) {
            // an engine going away is expected here: said once below, not logged as an error
            streamError = String.valueOf(error.getMessage());
            try {
              close();
            } catch (java.io.IOException ignored) {
              // closing anyway
            }
          }
        };
        streamError = null;
        current = client.eventsCmd().withSince(cursor.since()).exec(callback);
        callback.awaitCompletion();
        if (streamError != null) {
          problem = streamError;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        problem = String.valueOf(e.getMessage());
      }
      resumed = true;
      if (closing) {
        break;
      }
      status.streamLost(problem);
      Duration delay = backoff.failed();
      LOG.log(Level.INFO, "Docker events stream lost ({0}); resuming from {1} in {2}",
          new Object[] {problem, cursor.since(), delay});
      try {
        if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  void dispatch(EngineEvent event) {
    if (!cursor.admit(event)) {
      return;
    }
    for (EventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event listener failed on " + event, e);
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    stopped.countDown();
    Closeable stream = current;
    if (stream != null) {
      try {
        stream.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
