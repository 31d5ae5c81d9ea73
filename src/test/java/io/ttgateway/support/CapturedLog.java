package io.ttgateway.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Everything the service logs (any logger but WireMock's, any level that is enabled) while open, as formatted text with stack
 * traces. {@code close()} detaches it and restores the levels it raised.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();

    /** Captures from the root logger and lowers the given categories to DEBUG meanwhile. */
    public static CapturedLog start(String... debugCategories) {
        CapturedLog log = new CapturedLog();
        log.setLevel(Level.ALL);
        for (String category : debugCategories) {
            Logger logger = Logger.getLogger(category);
            log.raised.add(logger);
            log.previous.add(logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        Logger.getLogger("").addHandler(log);
        return log;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        if (logger.startsWith("WireMock") || logger.startsWith("com.github.tomakehurst") || logger.startsWith("org.eclipse.jetty")) {
            return; // the fake Thumbtack's own log, not the service's
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder line = new StringBuilder(record.getLevel() + " [" + record.getLoggerName() + "] " + message);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    public synchronized int size() {
        return lines.size();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        for (int i = 0; i < raised.size(); i++) {
            raised.get(i).setLevel(previous.get(i));
        }
    }
}
