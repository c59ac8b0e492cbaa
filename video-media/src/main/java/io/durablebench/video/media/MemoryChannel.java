package io.durablebench.video.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jcodec.common.io.SeekableByteChannel;

/**
 * JCodec's seekable channel over a byte array in memory: read-only over given bytes, or growing as
 * a muxer writes. Video objects come from and go to S3 as whole byte arrays, so no temporary files.
 */
final class MemoryChannel implements SeekableByteChannel {
    private byte[] data;
    private int size;
    private int position;
    private final boolean writable;
    private boolean open = true;

    private MemoryChannel(byte[] data, int size, boolean writable) {
        this.data = data;
        this.size = size;
        this.writable = writable;
    }

    static MemoryChannel reading(byte[] bytes) {
        return new MemoryChannel(bytes, bytes.length, false);
    }

    static MemoryChannel writing(int initialCapacity) {
        return new MemoryChannel(new byte[Math.max(1024, initialCapacity)], 0, true);
    }

    /** A copy of everything written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel setPosition(long newPosition) {
        if (newPosition < 0 || newPosition > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("position out of range: " + newPosition);
        }
        position = (int) newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        if (!writable) {
            throw new UnsupportedOperationException("read-only channel");
        }
        if (newSize < size) {
            Arrays.fill(data, (int) newSize, size, (byte) 0); // a later write past a gap must not expose old bytes
            size = (int) newSize;
        }
        position = Math.min(position, size);
        return this;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (position >= size) {
            return -1;
        }
        int n = Math.min(dst.remaining(), size - position);
        dst.put(data, position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        if (!writable) {
            throw new UnsupportedOperationException("read-only channel");
        }
        int n = src.remaining();
        long end = (long) position + n;
        if (end > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("in-memory video larger than 2 GB");
        }
        if (end > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, 2L * data.length)));
        }
        src.get(data, position, n);
        position += n;
        size = Math.max(size, position);
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
