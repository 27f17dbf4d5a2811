"""Reads a dataset folder (data_dir/%05d/<image>) into a queue-based input pipeline."""
import copy
import os
import sys

import tensorflow.compat.v1 as tf
from PIL import Image

from errors import UserError

IMAGE_EXTENSIONS = ('.png', '.jpg', '.jpeg', '.bmp')


def labelled_images(data_dir, charset_size, warn=None):
    """Sorted (path, label) pairs for the decodable images whose folder id is below charset_size."""
    warn = warn or (lambda message: print(message, file=sys.stderr))
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
    readable = [(p, label) for p, label in pairs if _decodes(p, warn)]
    if not readable:
        raise UserError('no images for labels 0..%d in %s (expected %s/00000/0.png ...); check the folder '
                        'and --charset_size' % (charset_size - 1, data_dir, data_dir.rstrip('/')))
    return readable


def _decodes(path, warn):
    try:
        with Image.open(path) as image:
            image.verify()
        return True
    except (OSError, SyntaxError, ValueError) as e:
        warn('warning: skipping %s: not a readable image (%s)' % (path, e))
        return False


class DataIterator:
    """The images of one split, and a TF1 queue pipeline that batches them."""

    def __init__(self, data_dir, charset_size, image_size=64, random_flip_up_down=False,
                 random_brightness=True, random_contrast=True):
        pairs = labelled_images(data_dir, charset_size)
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
        filename, label = tf.train.slice_input_producer(
            [tf.convert_to_tensor(self.image_names, tf.string), tf.convert_to_tensor(self.labels, tf.int64)],
            num_epochs=num_epochs, shuffle=training)
        image = tf.io.decode_image(tf.read_file(filename), channels=1, expand_animations=False)
        image = tf.image.convert_image_dtype(image, tf.float32)
        if aug:
            image = self.data_augmentation(image)
        image = tf.image.resize(image, [self.image_size, self.image_size])
        if training:
            return tf.train.shuffle_batch([image, label], batch_size=batch_size, num_threads=2,
                                          capacity=min(20000, self.size) + 3 * batch_size,
                                          min_after_dequeue=min(20000, self.size))
        # One thread keeps the order; a second would only race for the same decoded images.
        return tf.train.batch([image, label], batch_size=batch_size, num_threads=1,
                              capacity=4 * batch_size, allow_smaller_final_batch=True)
