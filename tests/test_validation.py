"""validation.report: accuracy over the whole split and per charset group, case counted."""
import numpy as np

from validation import report


def test_the_report_gives_each_charset_group_its_own_accuracy_and_counts_case():
    chars = ['啊', '阿', '蜻', '1', 'a', 'A', '，']
    truth = np.array([0, 1, 2, 3, 4, 5, 4, 6])
    top_2 = np.array([[0, 1], [1, 0], [0, 2], [3, 4], [5, 4], [5, 4], [4, 5], [6, 0]])  # 蜻→啊, a→A once
    groups = report(truth, top_2, chars)['groups']
    assert list(groups) == ['level1', 'level2', 'digits', 'latin', 'punctuation']
    assert groups['level1'] == {'images': 2, 'top_1_accuracy': 1.0, 'top_k_accuracy': 1.0}
    assert groups['level2'] == {'images': 1, 'top_1_accuracy': 0.0, 'top_k_accuracy': 1.0}
    assert groups['latin']['images'] == 3 and np.isclose(groups['latin']['top_1_accuracy'], 2 / 3)
    assert groups['digits']['top_1_accuracy'] == groups['punctuation']['top_1_accuracy'] == 1.0
