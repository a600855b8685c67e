package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.ProviderFault;

/**
 * Counts people with a Grok vision model: the photo goes upright and scaled down as a JPEG data URI into a
 * chat completion whose answer must follow a strict schema. Boxes refer to the upright photo, which is also
 * what {@link GrokVideoGenerator} composes.
 */
final class GrokPeopleDetector implements PeopleDetector {
    private static final System.Logger LOG = System.getLogger(GrokPeopleDetector.class.getName());

    private final XaiClient client;
    private final ImagePreparation images;
    private final String model;

    GrokPeopleDetector(XaiClient client, ImagePreparation images, String model) {
        this.client = client;
        this.images = images;
        this.model = model;
    }

    @Override
    public PeopleCount detect(Photo photo, MediaReader media) {
        JpegImage image;
        try {
            image = images.single(photo, media);
        } catch (PhotoNotPrepared e) {
            throw new PeopleDetectionException(e.fault(), e.getMessage(), e);
        }
        try {
            XaiClient.Answer answer = client.post(Endpoint.VISION, "chat/completions",
                    PeopleQuestion.body(client.json(), model, image), Repeat.SAFE);
            PeopleCount count = PeopleAnswer.read(client.parseObject(Endpoint.VISION, answer.body()), client.json(),
                    model, client.secrets());
            LOG.log(System.Logger.Level.DEBUG, "photo {0}: {1} people, underage {2}, {3} ticks", photo.key(),
                    count.people(), count.anyoneLooksUnderage(), count.spend().usdTicks());
            return count;
        } catch (XaiFailure failure) {
            throw failure.forDetector();
        }
    }

    @Override
    public String toString() {
        return "GrokPeopleDetector[" + model + "]";
    }
}
