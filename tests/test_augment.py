"""course_lib.augment: shifts and rotations of image batches (N, C, H, W), zero fill."""
import numpy as np
import pytest

from course_lib import augment


def _reference_shift(img, dx, dy):
    """One image (C, H, W) shifted by (dx, dy) pixel by pixel (independent of augment.shift)."""
    c, h, w = img.shape
    out = np.zeros_like(img)
    for i in range(h):
        for j in range(w):
            si, sj = i - dy, j - dx
            if 0 <= si < h and 0 <= sj < w:
                out[:, i, j] = img[:, si, sj]
    return out


@pytest.mark.parametrize("dx,dy", [(0, 0), (2, 0), (0, -3), (-1, 2), (4, -4), (7, 1), (9, 9), (-12, 0)])
def test_shift_matches_pixel_loop_with_zero_fill(dx, dy):
    rng = np.random.default_rng(abs(dx) + 3 * abs(dy))
    x = rng.random((3, 2, 7, 8)).astype(np.float32) + 0.5     # no zeros: the fill is visible
    out = augment.shift(x, dx, dy)
    assert out.shape == x.shape and out.dtype == x.dtype
    for n in range(3):
        np.testing.assert_array_equal(out[n], _reference_shift(x[n], dx, dy))


def test_shift_per_image_and_direction():
    x = np.zeros((2, 1, 5, 5))
    x[:, 0, 2, 2] = 1.0
    out = augment.shift(x, np.array([1, -2]), np.array([-1, 2]))
    assert out[0, 0, 1, 3] == 1.0 and out[0].sum() == 1.0       # right 1, up 1
    assert out[1, 0, 4, 0] == 1.0 and out[1].sum() == 1.0       # left 2, down 2
    with pytest.raises(ValueError, match="whole pixels"):
        augment.shift(x, 0.5, 0)
    with pytest.raises(ValueError, match=r"\(N, C, H, W\)"):
        augment.shift(x[:, 0], 1, 1)


def test_transform_with_integer_shift_is_exactly_shift():
    rng = np.random.default_rng(0)
    x = rng.random((4, 1, 9, 9))
    dx, dy = np.array([1, -2, 0, 3]), np.array([0, 1, -3, 2])
    np.testing.assert_allclose(augment.transform(x, dx, dy, 0.0), augment.shift(x, dx, dy), atol=1e-12)


def test_rotation_direction_and_quarter_turns():
    x = np.zeros((1, 1, 5, 5))
    x[0, 0, 2, 4] = 1.0                       # right of the centre
    up = augment.rotate(x, 90.0)              # counter-clockwise as drawn: to the top
    assert up[0, 0, 0, 2] == pytest.approx(1.0) and up.sum() == pytest.approx(1.0)
    rng = np.random.default_rng(1)
    img = rng.random((2, 3, 6, 6))
    # a quarter turn of a square image permutes pixels: np.rot90 does the same (counter-clockwise)
    np.testing.assert_allclose(augment.rotate(img, 90.0), np.rot90(img, 1, axes=(2, 3)), atol=1e-9)
    np.testing.assert_allclose(augment.rotate(img, -90.0), np.rot90(img, -1, axes=(2, 3)), atol=1e-9)
    np.testing.assert_allclose(augment.rotate(img, 0.0), img, atol=1e-12)


def test_small_rotation_keeps_ink_and_interpolates():
    rng = np.random.default_rng(2)
    x = np.zeros((1, 1, 28, 28), dtype=np.float32)
    x[0, 0, 8:20, 12:16] = 1.0                 # a bar well inside the picture
    out = augment.rotate(x, 10.0)
    assert out.dtype == np.float32
    assert out.sum() == pytest.approx(x.sum(), rel=0.02)       # bilinear keeps the mass (nothing leaves)
    assert 0 < np.count_nonzero((out > 0) & (out < 1))          # interpolated edge pixels
    assert not np.array_equal(out, x)
    del rng


def test_random_transform_is_seeded_and_in_range():
    rng_x = np.random.default_rng(3)
    x = rng_x.random((50, 1, 12, 12)).astype(np.float32)
    a, pa = augment.random_transform(x, np.random.default_rng(7), max_shift=3, max_degrees=15)
    b, pb = augment.random_transform(x, np.random.default_rng(7), max_shift=3, max_degrees=15)
    np.testing.assert_array_equal(a, b)
    for k in ("dx", "dy", "degrees"):
        np.testing.assert_array_equal(pa[k], pb[k])
        assert pa[k].shape == (50,)
    assert pa["dx"].min() >= -3 and pa["dx"].max() <= 3 and len(set(pa["dx"])) > 3
    assert np.all(np.abs(pa["degrees"]) <= 15)
    np.testing.assert_allclose(a, augment.transform(x, pa["dx"], pa["dy"], pa["degrees"]), atol=1e-6)
    c, pc = augment.random_transform(x, np.random.default_rng(8), max_shift=2, max_degrees=0)
    np.testing.assert_array_equal(c, augment.shift(x, pc["dx"], pc["dy"]))
    with pytest.raises(ValueError, match=">= 0"):
        augment.random_transform(x, np.random.default_rng(0), max_shift=-1)
