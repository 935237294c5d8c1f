import { PICTURE_FONT_FAMILY, pictureFontFiles } from './picture-font';
import { PICTURE_WIDTH } from './picture-svg';

/**
 * An SVG of the model as PNG. Only the fonts shipped in assets/fonts are loaded, never the
 * machine's, so the picture is the same on a laptop, in CI and on Azure. Rendered on libuv's thread
 * pool (it takes a noticeable while), so the bot keeps answering Teams in the meantime. The
 * renderer is loaded on the first picture: a bot that draws none does not hold it in memory.
 */
export async function renderPicturePng(svg: string, width = PICTURE_WIDTH): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const rendered = await renderAsync(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: pictureFontFiles(),
      defaultFontFamily: PICTURE_FONT_FAMILY,
      sansSerifFamily: PICTURE_FONT_FAMILY,
    },
    fitTo: { mode: 'width', value: width },
    background: '#FFFFFF',
  });
  return rendered.asPng();
}
