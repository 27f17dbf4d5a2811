# make demo: synthesize a small charset, train, validate and read example crops (~7 min on 2 cores),
# then read examples/paragraph.png and examples/mixed_lines.png with the shipped model.
# make test: the test suite. Both create .venv and install the Debian fonts and text first when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FONT_PACKAGES := fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming fonts-noto-cjk fonts-dejavu-core fonts-dejavu-extra fonts-liberation2
# punctuated Chinese text: which characters ， 。 、 · follow and precede (punctuation_model.py);
# English words: how a Latin word whose letters touch is spelled (latin_words.py)
TEXT_PACKAGES := fortunes-zh wamerican
DEMO := demo
DEMO_CLASSES := 40
# benchmarks/ reads with fonts that training never saw, and runs Tesseract beside the project
BENCH_PACKAGES := fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-droid-fallback fonts-lxgw-wenkai \
	tesseract-ocr tesseract-ocr-chi-sim
TF_QUIET := TF_CPP_MIN_LOG_LEVEL=2

.PHONY: setup fonts text bench-setup debian-packages demo test clean-demo train-cluster

setup: $(VENV)/.installed fonts text

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --upgrade pip -q
	$(VENV)/bin/pip install -r requirements.txt
	touch $@

fonts:
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(FONT_PACKAGES)"

text:
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(TEXT_PACKAGES)"

bench-setup: setup
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(BENCH_PACKAGES)"

debian-packages:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
		else echo "error: install these Debian packages as root first: $$missing"; exit 1; fi; \
		echo "installing: $$missing"; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: setup
	$(TF_QUIET) $(PY) gen_printed_char.py --out_dir $(DEMO)/dataset --charset_size $(DEMO_CLASSES) \
		--holdout_fonts UMing --need_aug --rotate 2 --rotate_step 2 --copies 3 --overwrite
	$(TF_QUIET) $(PY) chinese_ocr.py --mode=train --charset_size $(DEMO_CLASSES) --batch_size 64 --max_steps 240 \
		--eval_steps 40 --save_steps 120 --lr_decay cosine --overwrite --train_data_dir $(DEMO)/dataset/train \
		--test_data_dir $(DEMO)/dataset/test --checkpoint_dir $(DEMO)/checkpoint --log_dir $(DEMO)/log
	for split in test test_font; do \
		$(TF_QUIET) $(PY) chinese_ocr.py --mode=validation --charset_size $(DEMO_CLASSES) --top_k 5 \
			--test_data_dir $(DEMO)/dataset/$$split --checkpoint_dir $(DEMO)/checkpoint --log_dir $(DEMO)/log/$$split \
			|| exit 1; \
	done
	$(TF_QUIET) $(PY) chinese_ocr.py --mode=inference --charset_size $(DEMO_CLASSES) \
		--checkpoint_dir $(DEMO)/checkpoint --inference_dir examples/demo_crops
	@echo "== the shipped model reads a paragraph and mixed lines (examples/paragraph.png, examples/mixed_lines.png):"
	$(TF_QUIET) $(PY) chinese_ocr.py --mode=inference --image examples/paragraph.png
	$(TF_QUIET) $(PY) chinese_ocr.py --mode=inference --image examples/mixed_lines.png

# make train-cluster WORKERS=2 ARGS="--sync_replicas --max_steps 2000": 1 ps + WORKERS workers on 127.0.0.1.
WORKERS ?= 2
ARGS ?=
train-cluster: setup
	$(TF_QUIET) $(PY) scripts/train_cluster.py --workers $(WORKERS) --logs cluster_logs -- $(ARGS)

test: setup
	$(TF_QUIET) $(PY) -m pytest -q

clean-demo:
	rm -rf $(DEMO)
