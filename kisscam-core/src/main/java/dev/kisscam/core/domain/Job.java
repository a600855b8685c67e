package dev.kisscam.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request for a video: who asked, the photos (one with two people, or two with one person each), where
 * it stands, and what it has cost so far. Immutable: every change makes a new value that the core persists
 * before acting on it.
 *
 * @param sequence increases with every job the core creates, so unfinished jobs resume in their original order
 * @param direction the style and wish the video is made with; it may change until the job is submitted
 */
public record Job(
        JobId id,
        long sequence,
        Requester requester,
        List<JobPhoto> photos,
        JobState state,
        Instant createdAt,
        Instant updatedAt,
        List<Spend> spends,
        Direction direction) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(direction, "direction");
        photos = List.copyOf(photos);
        spends = List.copyOf(spends);
        if (photos.isEmpty() || photos.size() > 2) {
            throw new IllegalArgumentException("a job has one or two photos, had " + photos.size());
        }
        if (state instanceof JobState.Draft && photos.size() != 1) {
            throw new IllegalArgumentException("a draft holds exactly one photo");
        }
    }

    public Job withState(JobState newState, Instant at) {
        return new Job(id, sequence, requester, photos, newState, createdAt, at, spends, direction);
    }

    public Job withDirection(Direction newDirection, Instant at) {
        return new Job(id, sequence, requester, photos, state, createdAt, at, spends, newDirection);
    }

    public Job withSpend(Spend spend) {
        var all = new java.util.ArrayList<>(spends);
        all.add(spend);
        return new Job(id, sequence, requester, photos, state, createdAt, updatedAt, all, direction);
    }

    public Job withPhotos(List<JobPhoto> newPhotos, JobState newState, Instant at) {
        return new Job(id, sequence, requester, newPhotos, newState, createdAt, at, spends, direction);
    }

    public long spentUsdTicks() {
        return spends.stream().mapToLong(Spend::usdTicks).sum();
    }

    public List<MediaKey> photoKeys() {
        return photos.stream().map(p -> p.photo().key()).toList();
    }
}
