package dev.kisscam.app.repeat;

import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.testing.EarlierVideosContract;

class CaffeineEarlierVideosTest extends EarlierVideosContract {
    @Override
    protected EarlierVideos withRoomFor(int capacity) {
        return new CaffeineEarlierVideos(capacity);
    }
}
