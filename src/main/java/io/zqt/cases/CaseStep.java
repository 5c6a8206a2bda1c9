package io.zqt.cases;

import java.time.OffsetDateTime;

/** One step of a case's lifecycle, read from the engine's history. */
public record CaseStep(String process, String activityId, String name, String type, String assignee,
    OffsetDateTime startedAt, OffsetDateTime endedAt, boolean open) {}
