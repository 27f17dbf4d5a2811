"""Reads a dataset folder (data_dir/%05d/<image>) into a queue-based input pipeline that skips unreadable files."""
import copy
import os
import sys

import tensorflow.compat.v1 as tf
from PIL import Image

from errors import UserError

IMAGE_EXTENSIONS = ('.png', '.jpg', '.jpeg', '.bmp')


# Files are not opened before training: verifying 315k images with PIL took 2 minutes before step 1.
# A cached list of verified files would still cost those 2 minutes on the first run of every new dataset,
# and a lazy check outside the graph needs a py_func. Instead the input pipeline checks each file's start
# and end markers as it reads it (`complete_image`) and leaves out, with a warning, those that fail: that
# is what truncated writes, empty files and other files named .png do. It must happen in the graph,
# because a decode error there stops the queue runner, and with it the training.
PNG_START, PNG_END = b'\x89PNG\r\n\x1a\n', b'IEND\xaeB`\x82'  # signature; IEND chunk type and CRC
JPEG_START, JPEG_END = b'\xff\xd8\xff', b'\xff\xd9'  # SOI and the first marker; EOI
BMP_START, BMP_HEADER_BYTES = b'BM', 54  # followed by the file size, 4 bytes little-endian
# slice_input_producer already shuffles the file order every epoch, so the batch queue's buffer only has to
# mix a few batches; the former 20000-image buffer made step 1 wait for 20000 decodes (about 30 s on 2 cores).
SHUFFLE_BUFFER_BATCHES = 4
SAMPLE_CHECKED = 64  # files opened with PIL before training, so that a folder of non-images is an error


def labelled_images(data_dir, charset_size):
    """Sorted (path, label) pairs of the image files whose folder id is below charset_size."""
    if not os.path.isdir(data_dir):
        raise UserError('data folder %s does not exist; generate it with gen_printed_char.py or pass the '
                        'right --train_data_dir/--test_data_dir' % data_dir)
    pairs = []
    for folder in sorted(os.listdir(data_dir)):
        path = os.path.join(data_dir, folder)
        if not (folder.isdigit() and os.path.isdir(path)) or int(folder) >= charset_size:
            continue
        for name in sorted(os.listdir(path)):
            if name.lower().endswith(IMAGE_EXTENSIONS):
                pairs.append((os.path.join(path, name), int(folder)))
    if not pairs:
        raise UserError('no images for labels 0..%d in %s (expected %s/00000/0.png ...); check the folder '
                        'and --charset_size' % (charset_size - 1, data_dir, data_dir.rstrip('/')))
    sample = pairs[::max(1, len(pairs) // SAMPLE_CHECKED)]
    if not any(_decodes(p) for p, _ in sample):
        raise UserError('none of %d sampled images in %s is readable (e.g. %s); regenerate the dataset'
                        % (len(sample), data_dir, sample[0][0]))
    return pairs


def _decodes(path):
    try:
        with Image.open(path) as image:
            image.verify()
        return True
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False


def complete_image(contents):
    """A bool tensor: the file's bytes are a PNG or JPEG with both its start and end markers, or a BMP
    at least as long as its header says."""
    length = tf.strings.length(contents)

    def starts(marker):
        return tf.equal(tf.strings.substr(contents, 0, len(marker)), marker)

    def ends(marker):
        return tf.equal(tf.strings.substr(contents, tf.maximum(length - len(marker), 0), len(marker)), marker)

    padded = tf.strings.join([contents, b'\0' * 6])  # decode_raw needs all 4 bytes, even of a shorter file
    bmp_size = tf.reduce_sum(tf.io.decode_raw(tf.strings.substr(padded, 2, 4), tf.int32))
    bmp = tf.logical_and(starts(BMP_START), tf.logical_and(length >= BMP_HEADER_BYTES, length >= bmp_size))
    return tf.reduce_any(tf.stack([tf.logical_and(starts(PNG_START), ends(PNG_END)),
                                   tf.logical_and(starts(JPEG_START), ends(JPEG_END)), bmp]))


def decoded_or_skipped(filename, readable, contents):
    """The decoded grayscale image, or for an unreadable file a placeholder left out of batches, and a warning."""
    def skipped():
        warning = tf.print('warning: skipping ', filename, ': not a complete png/jpg/bmp image',
                           output_stream=sys.stderr, sep='')
        with tf.control_dependencies([warning]):
            return tf.zeros([1, 1, 1], tf.uint8)

    return tf.cond(readable, lambda: tf.io.decode_image(contents, channels=1, expand_animations=False), skipped)


class DataIterator:
    """The images of one split, and a TF1 queue pipeline that batches them."""

    def __init__(self, data_dir, charset_size, image_size=64, random_flip_up_down=False,
                 random_brightness=True, random_contrast=True):
        pairs = labelled_images(data_dir, charset_size)
        self.data_dir = data_dir
        self.image_names = [p for p, _ in pairs]
        self.labels = [label for _, label in pairs]
        self.image_size = image_size
        self.augmentations = (random_flip_up_down, random_brightness, random_contrast)

    def shard(self, index, count):
        """The same split reduced to every count-th image from index on (one worker's share)."""
        shard = copy.copy(self)
        shard.image_names, shard.labels = self.image_names[index::count], self.labels[index::count]
        return shard

    @property
    def size(self):
        return len(self.labels)

    def data_augmentation(self, images):
        flip, brightness, contrast = self.augmentations
        if flip:
            images = tf.image.random_flip_up_down(images)
        if brightness:
            images = tf.image.random_brightness(images, max_delta=0.2)
        if contrast:
            images = tf.image.random_contrast(images, 0.8, 1.2)
        return tf.clip_by_value(images, 0.0, 1.0)

    def input_pipeline(self, batch_size, num_epochs=None, aug=False):
        """(images, labels) batch tensors: shuffled and endless when num_epochs is None, else each
        image exactly num_epochs times in order, the last batch allowed to be smaller."""
        training = num_epochs is None
        # The file list is a constant in the graph, copied for every new kind of session.run: paths relative
        # to the data folder make it 3-4x smaller, which on 315k files saves seconds before step 1.
        folder = os.path.join(self.data_dir, '')  # labelled_images made every path as folder + relative path
        relative, label = tf.train.slice_input_producer(
            [tf.convert_to_tensor([p[len(folder):] for p in self.image_names], tf.string),
             tf.convert_to_tensor(self.labels, tf.int64)], num_epochs=num_epochs, shuffle=training)
        filename = tf.strings.join([folder, relative])
        contents = tf.read_file(filename)
        readable = complete_image(contents)
        image = tf.image.convert_image_dtype(decoded_or_skipped(filename, readable, contents), tf.float32)
        if aug:
            image = self.data_augmentation(image)
        image = tf.image.resize(image, [self.image_size, self.image_size])
        if training:
            buffered = min(SHUFFLE_BUFFER_BATCHES * batch_size, self.size)
            return tf.train.maybe_shuffle_batch([image, label], batch_size=batch_size, keep_input=readable,
                                                num_threads=2, capacity=buffered + 3 * batch_size,
                                                min_after_dequeue=buffered)
        # One thread keeps the order; a second would only race for the same decoded images.
        return tf.train.maybe_batch([image, label], batch_size=batch_size, keep_input=readable, num_threads=1,
                                    capacity=4 * batch_size, allow_smaller_final_batch=True)
