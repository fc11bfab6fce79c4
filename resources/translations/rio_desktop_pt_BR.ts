<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>CatalogTab</name>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="155"/>
        <source>Model catalogue</source>
        <translation>Catálogo de modelos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="161"/>
        <source>owner/name or a hub address</source>
        <translation>dono/nome ou um endereço do hub</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="162"/>
        <source>Repository to add</source>
        <translation>Repositório a adicionar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="163"/>
        <source>&amp;Add</source>
        <translation>&amp;Adicionar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="164"/>
        <source>&amp;Search the hub</source>
        <translation>&amp;Buscar no hub</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="165"/>
        <source>&amp;Check availability</source>
        <translation>&amp;Verificar disponibilidade</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="167"/>
        <source>Quantizations</source>
        <translation>Quantizações</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="168"/>
        <source>Quantization</source>
        <translation>Quantização</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="168"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="168"/>
        <source>Fits?</source>
        <translation>Cabe?</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="169"/>
        <source>Repository</source>
        <translation>Repositório</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="173"/>
        <source>&amp;Download</source>
        <translation>&amp;Baixar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="203"/>
        <source>Models known to work with Rio Desktop; choose one to see its versions</source>
        <translation>Modelos que funcionam com o Rio Desktop; escolha um para ver suas versões</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="204"/>
        <source>The versions (quantizations) of the chosen model, their size and whether they fit this computer</source>
        <translation>As versões (quantizações) do modelo escolhido, seu tamanho e se cabem neste computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="206"/>
        <source>Ask Hugging Face whether the chosen model is still available</source>
        <translation>Perguntar ao Hugging Face se o modelo escolhido continua disponível</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="207"/>
        <source>Download the chosen version; it can be paused and resumed</source>
        <translation>Baixar a versão escolhida; o download pode ser pausado e retomado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="208"/>
        <source>Add the repository written beside it to the catalogue</source>
        <translation>Adicionar ao catálogo o repositório escrito ao lado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="209"/>
        <source>Search Hugging Face for GGUF models with these words</source>
        <translation>Buscar no Hugging Face modelos GGUF com estas palavras</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="282"/>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="326"/>
        <source>installed</source>
        <translation>instalado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="306"/>
        <source>checking this computer…</source>
        <translation>verificando este computador…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="311"/>
        <source>recommended</source>
        <translation>recomendado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="314"/>
        <source>Sizes marked ≈ are the catalogue&apos;s estimates; Check availability reads the exact files from the hub.</source>
        <translation>Os tamanhos marcados com ≈ são estimativas do catálogo; Verificar disponibilidade lê os arquivos exatos no hub.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="319"/>
        <source>Alternatives: {names}</source>
        <translation>Alternativas: {names}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="340"/>
        <source>fits on the GPU</source>
        <translation>cabe na GPU</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="340"/>
        <source>fits with part on the CPU</source>
        <translation>cabe com parte na CPU</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="341"/>
        <source>fits in memory (CPU)</source>
        <translation>cabe na memória (CPU)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="341"/>
        <source>too big</source>
        <translation>grande demais</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="344"/>
        <source>{repo}: available</source>
        <translation>{repo}: disponível</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="344"/>
        <source>{repo}: needs a token (gated)</source>
        <translation>{repo}: exige um token (acesso restrito)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="345"/>
        <source>{repo}: unavailable (withdrawn or renamed)</source>
        <translation>{repo}: indisponível (retirado ou renomeado)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="346"/>
        <source>{repo}: not checked yet; press Check availability</source>
        <translation>{repo}: ainda não verificado; clique em Verificar disponibilidade</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="347"/>
        <source>{repo}: never checked, and Rio Desktop works offline</source>
        <translation>{repo}: nunca verificado, e o Rio Desktop está trabalhando sem rede</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="348"/>
        <source>{repo}: could not be checked.</source>
        <translation>{repo}: não foi possível verificar.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="351"/>
        <source>(last known state)</source>
        <translation>(último estado conhecido)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="370"/>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="376"/>
        <source>Write a repository as owner/name or paste its hub address.</source>
        <translation>Escreva um repositório como dono/nome ou cole o endereço dele no hub.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="393"/>
        <source>Rio Desktop is set to work offline: turn that off in Settings to search the hub.</source>
        <translation>O Rio Desktop está configurado para trabalhar sem rede: desative isso nas Configurações para buscar no hub.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="398"/>
        <source>Searching the hub…</source>
        <translation>Buscando no hub…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="503"/>
        <source>Interrupted. What arrived is kept: press Resume.</source>
        <translation>Interrompido. O que chegou é mantido: clique em Retomar.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="563"/>
        <source>Connection lost; retrying in {s:.0f} s (attempt {n})…</source>
        <translation>Conexão perdida; nova tentativa em {s:.0f} s (tentativa {n})…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="566"/>
        <source>Verifying {name}…</source>
        <translation>Verificando {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="569"/>
        <source>{done} of {total} · {speed}/s · {eta}</source>
        <translation>{done} de {total} · {speed}/s · {eta}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="571"/>
        <source>about {m} min left</source>
        <translation>faltam cerca de {m} min</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="550"/>
        <source>Found: {repos}</source>
        <translation>Encontrados: {repos}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="579"/>
        <source>Paused. What arrived is kept.</source>
        <translation>Pausado. O que já chegou é mantido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="583"/>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="587"/>
        <source>Installed and verified.</source>
        <translation>Instalado e verificado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="593"/>
        <source>Download finished</source>
        <translation>Download concluído</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="594"/>
        <source>{name} is installed and verified.</source>
        <translation>{name} está instalado e verificado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="536"/>
        <source>This computer&apos;s hardware could not be read ({detail}); what fits is not known.</source>
        <translation>Não foi possível ler o hardware deste computador ({detail}); não se sabe o que cabe.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="602"/>
        <source>Download stopped</source>
        <translation>Download interrompido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="436"/>
        <source>{model} needs about {needed} of disk space, and the disk of the models folder ({folder}) has {free} free. The download cannot complete, so it is not started.

Free some space, or choose a models folder on another disk in Settings, then try again.</source>
        <translation>{model} precisa de cerca de {needed} de espaço em disco, e o disco da pasta de modelos ({folder}) tem {free} livres. O download não poderia terminar, por isso não foi iniciado.

Libere espaço, ou escolha nas Configurações uma pasta de modelos em outro disco, e tente de novo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="441"/>
        <source>{model} needs {needed} of disk space, and the disk of the models folder ({folder}) has {free} free. The download cannot complete, so it is not started.

Free some space, or choose a models folder on another disk in Settings, then try again.</source>
        <translation>{model} precisa de {needed} de espaço em disco, e o disco da pasta de modelos ({folder}) tem {free} livres. O download não poderia terminar, por isso não foi iniciado.

Libere espaço, ou escolha nas Configurações uma pasta de modelos em outro disco, e tente de novo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="445"/>
        <source>Not enough disk space</source>
        <translation>Espaço em disco insuficiente</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="456"/>
        <source>{model} is too big for this computer: to run, it needs about {needed} of memory, and this computer has {ram} of memory and {gpu} on its graphics card available.

It can be downloaded ({size}), but it will not run here. Download it anyway?</source>
        <translation>{model} é grande demais para este computador: para rodar, precisa de cerca de {needed} de memória, e este computador tem {ram} de memória e {gpu} na placa de vídeo disponíveis.

O download pode ser feito ({size}), mas o modelo não vai rodar aqui. Baixar mesmo assim?</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="460"/>
        <source>{model} is too big for this computer: to run, it needs about {needed} of memory, and this computer has {ram} of memory available.

It can be downloaded ({size}), but it will not run here. Download it anyway?</source>
        <translation>{model} é grande demais para este computador: para rodar, precisa de cerca de {needed} de memória, e este computador tem {ram} de memória disponíveis.

O download pode ser feito ({size}), mas o modelo não vai rodar aqui. Baixar mesmo assim?</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="464"/>
        <source>Too big for this computer</source>
        <translation>Grande demais para este computador</translation>
    </message>
</context>
<context>
    <name>ComputerPanel</name>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="26"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="28"/>
        <source>Automatic (now: {name})</source>
        <translation>Automático (agora: {name})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="36"/>
        <source>llama.cpp CPU variant</source>
        <translation>Variante de CPU do llama.cpp</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="37"/>
        <source>Use the graphics card (GPU) when there is one</source>
        <translation>Usar a placa de vídeo (GPU) quando houver uma</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="41"/>
        <source>Determined when the first model is loaded.</source>
        <translation>Definido quando o primeiro modelo for carregado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="46"/>
        <source>CPU: {variant} ({features})</source>
        <translation>CPU: {variant} ({features})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="47"/>
        <source>no features reported</source>
        <translation>nenhum recurso informado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="50"/>
        <source>{name} ({description}): {free} free of {total}</source>
        <translation>{name} ({description}): {free} livres de {total}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="52"/>
        <source>None: models run on the CPU.</source>
        <translation>Nenhum: os modelos rodam na CPU.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="57"/>
        <source>Skipped on this computer: {names}</source>
        <translation>Ignoradas neste computador: {names}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="64"/>
        <source>llama.cpp in use:</source>
        <translation>llama.cpp em uso:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="65"/>
        <source>GPU devices:</source>
        <translation>Dispositivos de GPU:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="66"/>
        <source>CPU &amp;variant:</source>
        <translation>&amp;Variante de CPU:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="69"/>
        <source>GPU:</source>
        <translation>GPU:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="70"/>
        <source>The CPU variant and the GPU choice apply the next time Rio Desktop starts.</source>
        <translation>A variante de CPU e a escolha da GPU valem a partir da próxima vez que o Rio Desktop for aberto.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="76"/>
        <source>Set by the administrator</source>
        <translation>Definido pelo administrador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="77"/>
        <source>Automatic picks the fastest variant this processor runs correctly; choose another only if the automatic one misbehaves</source>
        <translation>O modo automático escolhe a variante mais rápida que este processador executa corretamente; escolha outra apenas se a automática apresentar problemas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/computer_panel.py" line="79"/>
        <source>Off: models always run on the processor, even with a graphics card</source>
        <translation>Desligado: os modelos sempre rodam no processador, mesmo com placa de vídeo</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="103"/>
        <source>The installed llama-cpp-python ({version}) does not accept the settings {names}. Reinstall Rio Desktop.</source>
        <translation>O llama-cpp-python instalado ({version}) não aceita as configurações {names}. Reinstale o Rio Desktop.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="247"/>
        <source>The model is to be split across {wanted} GPUs, but this computer&apos;s llama.cpp sees {found}. Check the GPU settings.</source>
        <translation>O modelo deveria ser dividido entre {wanted} GPUs, mas o llama.cpp deste computador encontra {found}. Verifique as configurações de GPU.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="271"/>
        <source>The GPU could not take the model, so it runs on the CPU (slower). (llama.cpp said: {reason})</source>
        <translation>A GPU não conseguiu receber o modelo, por isso ele roda na CPU (mais devagar). (O llama.cpp informou: {reason})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="356"/>
        <source>{name} holds a model architecture that the installed llama.cpp does not support. Update Rio Desktop or choose another model.</source>
        <translation>{name} contém uma arquitetura de modelo que o llama.cpp instalado não suporta. Atualize o Rio Desktop ou escolha outro modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="360"/>
        <source>llama.cpp could not load {name}. The most common cause is not enough free memory: close other programs, choose a smaller model or a shorter context, or put fewer layers on the GPU. (llama.cpp said: {reason})</source>
        <translation>O llama.cpp não conseguiu carregar {name}. A causa mais comum é falta de memória livre: feche outros programas, escolha um modelo menor ou um contexto mais curto, ou coloque menos camadas na GPU. (Mensagem do llama.cpp: {reason})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="382"/>
        <source>No model is loaded. Load a model first.</source>
        <translation>Nenhum modelo está carregado. Carregue um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="560"/>
        <source>The text is too long for the model: it takes {tokens} tokens and the model&apos;s context holds {n_ctx}. Shorten it or load the model with a longer context.</source>
        <translation>O texto é longo demais para o modelo: ocupa {tokens} tokens e o contexto do modelo comporta {n_ctx}. Encurte o texto ou carregue o modelo com um contexto maior.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="705"/>
        <source>The model stopped with an error: {detail}</source>
        <translation>O modelo parou com um erro: {detail}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="143"/>
        <source>Pages that could not be read, not covered by the summary: {pages}.</source>
        <translation>Páginas que não puderam ser lidas, não incluídas no resumo: {pages}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="145"/>
        <source>Pages that took too long to read, not covered by the summary: {pages}.</source>
        <translation>Páginas que demoraram demais para ser lidas, não incluídas no resumo: {pages}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="275"/>
        <location filename="../../rio_desktop/engine/model_file.py" line="85"/>
        <source>The file {name} does not exist.</source>
        <translation>O arquivo {name} não existe.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="63"/>
        <source>Reading the document was stopped.</source>
        <translation>A leitura do documento foi interrompida.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="136"/>
        <source>Pages without text (probably scanned images), not covered by the summary: {pages}. Reading scanned pages (OCR) is off in Settings.</source>
        <translation>Páginas sem texto (provavelmente imagens digitalizadas), não cobertas pelo resumo: {pages}. A leitura de páginas digitalizadas (OCR) está desligada nas Configurações.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="139"/>
        <source>Pages where no text was found, not even in their image (blank pages or pictures), not covered by the summary: {pages}.</source>
        <translation>Páginas em que nenhum texto foi encontrado, nem na imagem (páginas em branco ou figuras), não cobertas pelo resumo: {pages}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="152"/>
        <source>Pages read from a poor scan; check what the summary says of them against the original: {pages}.</source>
        <translation>Páginas lidas de uma digitalização de baixa qualidade; confira no original o que o resumo diz delas: {pages}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="156"/>
        <source>Scanned pages could not be read: the text recognition (OCR) failed ({detail}). If this happens with every document, reinstall Rio Desktop.</source>
        <translation>Não foi possível ler as páginas digitalizadas: o reconhecimento de texto (OCR) falhou ({detail}). Se isso acontecer com todos os documentos, reinstale o Rio Desktop.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="279"/>
        <source>The file {name} is empty.</source>
        <translation>O arquivo {name} está vazio.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="281"/>
        <source>{name} is not a PDF file. Choose a PDF document.</source>
        <translation>{name} não é um arquivo PDF. Escolha um documento PDF.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="324"/>
        <source>The password does not open {name}. Try again.</source>
        <translation>A senha não abre {name}. Tente novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="325"/>
        <source>{name} is protected by a password. Enter it to read the document.</source>
        <translation>{name} é protegido por senha. Digite a senha para ler o documento.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="329"/>
        <source>{name} is damaged or is not a valid PDF, and cannot be read. If it opens in a PDF viewer, print it to a new PDF and try that file.</source>
        <translation>{name} está danificado ou não é um PDF válido e não pode ser lido. Se ele abrir em um leitor de PDF, imprima-o como um novo PDF e tente esse arquivo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/pdf_text.py" line="375"/>
        <source>{name} could not be opened: reading it took too long or failed. The file may be damaged.</source>
        <translation>Não foi possível abrir {name}: a leitura demorou demais ou falhou. O arquivo pode estar danificado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="87"/>
        <source>{name} is a folder, not a model file.</source>
        <translation>{name} é uma pasta, não um arquivo de modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="90"/>
        <source>The file {name} is empty. Download or copy the model again.</source>
        <translation>O arquivo {name} está vazio. Baixe ou copie o modelo novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="96"/>
        <source>Rio Desktop is not allowed to read {name}. Check the file&apos;s permissions.</source>
        <translation>O Rio Desktop não tem permissão para ler {name}. Verifique as permissões do arquivo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="100"/>
        <source>{name} could not be read: {detail}</source>
        <translation>Não foi possível ler {name}: {detail}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="104"/>
        <source>The file {name} is incomplete: it ends inside its header. The download or copy was probably interrupted; get the file again.</source>
        <translation>O arquivo {name} está incompleto: termina no meio do cabeçalho. O download ou a cópia provavelmente foi interrompido; obtenha o arquivo novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="108"/>
        <source>{name} is not a GGUF model file. Choose a file in GGUF format (.gguf).</source>
        <translation>{name} não é um arquivo de modelo GGUF. Escolha um arquivo no formato GGUF (.gguf).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="111"/>
        <source>The file {name} is damaged and cannot be used as a model ({detail}).</source>
        <translation>O arquivo {name} está danificado e não pode ser usado como modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="120"/>
        <source>The file {name} is incomplete: it has {have} of the {expected} its contents require. The download or copy was probably interrupted; get the file again.</source>
        <translation>O arquivo {name} está incompleto: tem {have} dos {expected} que seu conteúdo exige. O download ou a cópia provavelmente foi interrompido; obtenha o arquivo novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="133"/>
        <source>{name} is part of a model split into {count} files, but its name does not follow the pattern name-00001-of-{count:05d}.gguf, so the other parts cannot be found.</source>
        <translation>{name} é parte de um modelo dividido em {count} arquivos, mas seu nome não segue o padrão nome-00001-of-{count:05d}.gguf, por isso as outras partes não podem ser encontradas.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="141"/>
        <source>This model is split into {count} files and {n_missing} of them are missing from {folder}: {missing}. Put every part in the same folder.</source>
        <translation>Este modelo está dividido em {count} arquivos e {n_missing} deles faltam em {folder}: {missing}. Coloque todas as partes na mesma pasta.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="151"/>
        <source>{name} says it is not part {number} of its model. Parts of different models may have been mixed; get the parts again.</source>
        <translation>{name} indica que não é a parte {number} do seu modelo. Partes de modelos diferentes podem ter sido misturadas; obtenha as partes novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="176"/>
        <source>{name} does not say which model architecture it holds, so it cannot be loaded.</source>
        <translation>{name} não informa a arquitetura do modelo que contém, por isso não pode ser carregado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="180"/>
        <source>{name} holds a model of architecture &apos;{arch}&apos;, which the installed llama.cpp (llama-cpp-python {version}) does not support. Update Rio Desktop or choose another model.</source>
        <translation>{name} contém um modelo de arquitetura &apos;{arch}&apos;, que o llama.cpp instalado (llama-cpp-python {version}) não suporta. Atualize o Rio Desktop ou escolha outro modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="193"/>
        <source>The chat template inside {name} tries to run code outside its sandbox. Rio Desktop refused to load this file; get the model from a trusted source.</source>
        <translation>O modelo de conversa dentro de {name} tenta executar código fora da sua área isolada. O Rio Desktop recusou carregar este arquivo; obtenha o modelo de uma fonte confiável.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="197"/>
        <source>The chat template inside {name} does not work ({detail}). Get a corrected copy of the model.</source>
        <translation>O modelo de conversa dentro de {name} não funciona ({detail}). Obtenha uma cópia corrigida do modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/service.py" line="294"/>
        <location filename="../../rio_desktop/ui/jobs.py" line="32"/>
        <source>Something went wrong inside Rio Desktop ({detail}). The details are in the log.</source>
        <translation>Algo deu errado dentro do Rio Desktop ({detail}). Os detalhes estão no registro.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="37"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="38"/>
        <source>CPU threads</source>
        <translation>Threads de CPU</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="39"/>
        <source>Context length (tokens)</source>
        <translation>Tamanho do contexto (tokens)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="41"/>
        <source>Model layers on the GPU</source>
        <translation>Camadas do modelo na GPU</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="42"/>
        <source>Use the GPU</source>
        <translation>Usar a GPU</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="43"/>
        <source>llama.cpp CPU variant (empty: automatic)</source>
        <translation>Variante de CPU do llama.cpp (vazio: automática)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="44"/>
        <source>Model loaded at start</source>
        <translation>Modelo carregado ao iniciar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="45"/>
        <source>Recently loaded models</source>
        <translation>Modelos carregados recentemente</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="46"/>
        <source>Recently opened documents</source>
        <translation>Documentos abertos recentemente</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="47"/>
        <source>Models folder (empty: the default)</source>
        <translation>Pasta dos modelos (vazio: a padrão)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="48"/>
        <source>Repositories added to the catalogue</source>
        <translation>Repositórios adicionados ao catálogo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="49"/>
        <source>Work offline (no connection at all)</source>
        <translation>Trabalhar sem rede (nenhuma conexão)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="50"/>
        <source>First-run screen shown</source>
        <translation>Tela de boas-vindas exibida</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="51"/>
        <source>Where the model runs</source>
        <translation>Onde o modelo é executado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="52"/>
        <source>Server address (OpenAI-compatible)</source>
        <translation>Endereço do servidor (compatível com OpenAI)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="53"/>
        <source>Server model</source>
        <translation>Modelo do servidor</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="54"/>
        <source>Verify the server&apos;s certificate</source>
        <translation>Verificar o certificado do servidor</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="55"/>
        <source>Organisation&apos;s CA file (PEM)</source>
        <translation>Arquivo da autoridade certificadora do órgão (PEM)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="56"/>
        <source>Server timeout (seconds)</source>
        <translation>Tempo limite do servidor (segundos)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="57"/>
        <source>Server context when not advertised</source>
        <translation>Contexto do servidor quando ele não informa</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="58"/>
        <source>Organisation&apos;s correspondence templates</source>
        <translation>Modelos de correspondência do órgão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="60"/>
        <source>Subject of a reply</source>
        <translation>Assunto de uma resposta</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="61"/>
        <source>Summary style</source>
        <translation>Estilo do resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="62"/>
        <source>Summary language</source>
        <translation>Idioma do resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="63"/>
        <source>Read scanned pages (OCR)</source>
        <translation>Ler páginas digitalizadas (OCR)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="64"/>
        <source>Language of scanned pages</source>
        <translation>Idioma das páginas digitalizadas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="66"/>
        <source>Model reasoning (thinking)</source>
        <translation>Raciocínio do modelo (pensamento)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="69"/>
        <source>Keep read documents on disk</source>
        <translation>Guardar no disco os documentos lidos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="70"/>
        <source>Disk space for read documents (GB)</source>
        <translation>Espaço em disco para documentos lidos (GB)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="71"/>
        <source>Reasoning budget (tokens per step)</source>
        <translation>Limite de raciocínio (tokens por etapa)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/export.py" line="256"/>
        <source>Rio Desktop exports to Markdown (.md), Word (.docx) and PDF (.pdf), not to &apos;{suffix}&apos;.</source>
        <translation>O Rio Desktop exporta para Markdown (.md), Word (.docx) e PDF (.pdf), não para &apos;{suffix}&apos;.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/letter_export.py" line="163"/>
        <source>Letters are exported to Word (.docx) and PDF (.pdf), not to &apos;{suffix}&apos;.</source>
        <translation>As cartas são exportadas para Word (.docx) e PDF (.pdf), não para &apos;{suffix}&apos;.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/export.py" line="113"/>
        <source>{name} could not be written: {detail}. Check that the folder exists, that you may write there and that the disk has space.</source>
        <translation>Não foi possível gravar {name}: {detail}. Verifique se a pasta existe, se você pode gravar nela e se há espaço em disco.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/export.py" line="109"/>
        <source>{name} could not be written: it is probably open in another program (Word, a PDF reader). Close it there and export again, or choose another name.</source>
        <translation>Não foi possível gravar {name}: provavelmente o arquivo está aberto em outro programa (Word, um leitor de PDF). Feche-o e exporte novamente, ou escolha outro nome.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="323"/>
        <source>{name} has no pages.</source>
        <translation>{name} não tem páginas.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="325"/>
        <source>{name} has no text to summarize: its only page is an image (a scanned document) or unreadable. Turn on reading scanned pages (OCR) in Settings and open it again.</source>
        <translation>{name} não tem texto para resumir: sua única página é uma imagem (um documento digitalizado) ou ilegível. Ative a leitura de páginas digitalizadas (OCR) nas Configurações e abra-o de novo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="330"/>
        <source>{name} has no text to summarize: its only page has no text, not even read from its image (a blank page, a picture, or a scan too poor to read).</source>
        <translation>{name} não tem texto para resumir: sua única página não tem texto, nem lido da imagem (uma página em branco, uma figura ou uma digitalização ruim demais para ler).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="334"/>
        <source>{name} has no text to summarize: all its {count} pages are images (a scanned document) or unreadable. Turn on reading scanned pages (OCR) in Settings and open it again.</source>
        <translation>{name} não tem texto para resumir: todas as suas {count} páginas são imagens (um documento digitalizado) ou ilegíveis. Ligue a leitura de páginas digitalizadas (OCR) nas Configurações e abra o documento de novo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="339"/>
        <source>{name} has no text to summarize: none of its {count} pages has text, not even read from its image (blank pages, pictures, or scans too poor to read).</source>
        <translation>{name} não tem texto para resumir: nenhuma das suas {count} páginas tem texto, nem lido da imagem (páginas em branco, figuras ou digitalizações ruins demais para ler).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="395"/>
        <source>The model&apos;s context ({n_ctx} tokens) is too small to summarize with. Load the model with a longer context.</source>
        <translation>O contexto do modelo ({n_ctx} tokens) é pequeno demais para resumir. Carregue o modelo com um contexto maior.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="478"/>
        <source>A part of the document does not fit the model&apos;s context ({tokens} of {n_ctx} tokens).</source>
        <translation>Uma parte do documento não cabe no contexto do modelo ({tokens} de {n_ctx} tokens).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="595"/>
        <source>The model wrote nothing that could be checked against the document, twice. Try again with another summary style or a larger model.</source>
        <translation>O modelo não escreveu nada que pudesse ser conferido com o documento, duas vezes. Tente de novo com outro estilo de resumo ou um modelo maior.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/summarize.py" line="603"/>
        <source>The summary was stopped before the end: what is shown covers only the parts done.</source>
        <translation>O resumo foi interrompido antes do fim: o que aparece cobre apenas as partes concluídas.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/letter.py" line="89"/>
        <source>The template {name} could not be used: {problem}. The other templates are available.</source>
        <translation>Não foi possível usar o modelo {name}: {problem}. Os outros modelos estão disponíveis.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/planner.py" line="366"/>
        <source>a context of {tokens} tokens</source>
        <translation>um contexto de {tokens} tokens</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/planner.py" line="372"/>
        <source>a smaller quantization (files up to {size})</source>
        <translation>uma quantização menor (arquivos de até {size})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/planner.py" line="374"/>
        <source>the organisation&apos;s server</source>
        <translation>o servidor do órgão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/planner.py" line="384"/>
        <source>{name} does not fit this computer: it needs about {need} and there is {have} free for it. It would fit with: {tips}.</source>
        <translation>{name} não cabe neste computador: precisa de cerca de {need} e há {have} livres para ele. Caberia com: {tips}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="165"/>
        <source>Not enough disk space in {folder}: the download needs {needed} more and {free} are free. Free some space or move the models folder to another disk.</source>
        <translation>Não há espaço suficiente em {folder}: o download precisa de mais {needed} e há {free} livres. Libere espaço ou mova a pasta dos modelos para outro disco.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="209"/>
        <source>The hub refused access to {repo} (401): this repository needs a Hugging Face token. Enter your token in Settings and try again.</source>
        <translation>O hub recusou o acesso a {repo} (401): este repositório exige um token do Hugging Face. Informe seu token nas Configurações e tente novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="213"/>
        <source>{repo} is gated: accept its licence on the repository&apos;s page on the hub with your account, check that your token in Settings belongs to that account, and try again.</source>
        <translation>{repo} tem acesso restrito: aceite a licença na página do repositório no hub com a sua conta, confira se o token nas Configurações é dessa conta e tente novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="218"/>
        <source>{name} is no longer in {repo}: the repository or the file was withdrawn or renamed. Choose another source for this model.</source>
        <translation>{name} não está mais em {repo}: o repositório ou o arquivo foi retirado ou renomeado. Escolha outra origem para este modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="221"/>
        <location filename="../../rio_desktop/models/download.py" line="249"/>
        <source>Could not download {name}</source>
        <translation>Não foi possível baixar {name}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="411"/>
        <source>Could not read the header of {name} from the hub</source>
        <translation>Não foi possível ler o cabeçalho de {name} no hub</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="223"/>
        <source>The hub answered {code} for {name}. Try again later.</source>
        <translation>O hub respondeu {code} para {name}. Tente novamente mais tarde.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="253"/>
        <source>{problem} What arrived of {name} is kept: the download resumes from it.</source>
        <translation>{problem} O que já chegou de {name} é mantido: o download continua a partir daí.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="255"/>
        <source>The download of {name} kept failing ({detail}).</source>
        <translation>O download de {name} continuou falhando ({detail}).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="373"/>
        <source>{repo} lists no file for {quantization}.</source>
        <translation>{repo} não lista nenhum arquivo para {quantization}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="295"/>
        <source>The disk filled up while downloading {name}. What arrived is kept: free some space and resume.</source>
        <translation>O disco encheu durante o download de {name}. O que chegou é mantido: libere espaço e retome.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/download.py" line="307"/>
        <source>{name} arrived damaged (its sha256 does not match the hub&apos;s): the file was deleted. Download it again.</source>
        <translation>{name} chegou danificado (o sha256 não confere com o do hub): o arquivo foi apagado. Baixe-o novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/library.py" line="174"/>
        <source>Not enough disk space in {folder}: {needed} needed, {free} free.</source>
        <translation>Não há espaço suficiente em {folder}: {needed} necessários, {free} livres.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/library.py" line="201"/>
        <source>{folder} is not a model folder exported by Rio Desktop ({file} is missing or damaged).</source>
        <translation>{folder} não é uma pasta de modelo exportada pelo Rio Desktop ({file} está faltando ou danificado).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/library.py" line="208"/>
        <source>{name} in {folder} is missing or damaged (its size or sha256 does not match the manifest). Copy the folder again.</source>
        <translation>{name} em {folder} está faltando ou danificado (o tamanho ou o sha256 não confere com o manifesto). Copie a pasta novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="129"/>
        <source>Without internet, install a model from a file: Models → Installed → Import file (a .gguf) or Import folder (one exported by another Rio Desktop, e.g. on a USB drive).</source>
        <translation>Sem internet, instale um modelo a partir de um arquivo: Modelos → Instalados → Importar arquivo (um .gguf) ou Importar pasta (uma exportada por outro Rio Desktop, por exemplo num pen drive).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="140"/>
        <source>{what}: this computer has no internet connection (the network cannot be reached).</source>
        <translation>{what}: este computador está sem conexão com a internet (a rede não pode ser alcançada).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="142"/>
        <source>{what}: the address {host} cannot be found. This computer seems to be offline, or the network&apos;s name server (DNS) does not answer.</source>
        <translation>{what}: o endereço {host} não foi encontrado. Este computador parece estar sem internet, ou o servidor de nomes da rede (DNS) não responde.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="145"/>
        <source>{what}: {host} refused the connection. The hub (or the mirror set in HF_ENDPOINT) is not running; try again later.</source>
        <translation>{what}: {host} recusou a conexão. O hub (ou o espelho definido em HF_ENDPOINT) não está funcionando; tente novamente mais tarde.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="148"/>
        <source>{what}: {host} did not answer in time. The connection is too slow or blocked; try again later.</source>
        <translation>{what}: {host} não respondeu a tempo. A conexão está lenta demais ou bloqueada; tente novamente mais tarde.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="151"/>
        <source>{what}: the organisation&apos;s proxy ({proxy}) could not take the request to {host}. Ask IT whether the proxy lets this computer reach {host}.</source>
        <translation>{what}: o proxy da organização ({proxy}) não conseguiu levar o pedido até {host}. Pergunte à TI se o proxy permite que este computador acesse {host}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="154"/>
        <source>{what}: the organisation&apos;s proxy asks for a user name and password (407). Ask IT for the proxy settings of this computer.</source>
        <translation>{what}: o proxy da organização pede usuário e senha (407). Peça à TI as configurações de proxy deste computador.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="157"/>
        <source>{what}: the secure connection to {host} failed because its certificate is not trusted ({detail}). Behind an organisation&apos;s proxy that inspects traffic, IT must install its certificate on this computer.</source>
        <translation>{what}: a conexão segura com {host} falhou porque o certificado dele não é confiável ({detail}). Atrás de um proxy da organização que inspeciona o tráfego, a TI precisa instalar o certificado dele neste computador.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="161"/>
        <source>{what}: the hub refused the request (401): this repository needs a Hugging Face token, or the token in Settings is wrong or expired.</source>
        <translation>{what}: o hub recusou o pedido (401): este repositório exige um token do Hugging Face, ou o token nas Configurações está errado ou expirou.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="164"/>
        <source>{what}: the hub refused access (403): the repository is gated. Accept its licence on its page on the hub with your account, and check that the token in Settings is that account&apos;s.</source>
        <translation>{what}: o hub recusou o acesso (403): o repositório tem acesso restrito. Aceite a licença na página dele no hub com a sua conta e confira se o token nas Configurações é dessa conta.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="167"/>
        <source>{what}: the connection to {host} was cut. Try again when the network is stable.</source>
        <translation>{what}: a conexão com {host} caiu. Tente novamente quando a rede estiver estável.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="169"/>
        <source>{what}: the hub is busy or down ({status}). Try again in a few minutes.</source>
        <translation>{what}: o hub está sobrecarregado ou fora do ar ({status}). Tente novamente em alguns minutos.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="171"/>
        <source>{what}: the hub answered {status}. Try again later.</source>
        <translation>{what}: o hub respondeu {status}. Tente novamente mais tarde.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="188"/>
        <source>The server {url} cannot be reached: this computer has no network connection to it. Check the network cable or Wi-Fi, or ask IT.</source>
        <translation>Não é possível alcançar o servidor {url}: este computador não tem conexão de rede com ele. Confira o cabo de rede ou o Wi-Fi, ou consulte a TI.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="191"/>
        <source>The server&apos;s name {host} cannot be found (DNS). Check the address in Settings, or whether this computer is on the organisation&apos;s network.</source>
        <translation>O nome do servidor {host} não foi encontrado (DNS). Confira o endereço nas Configurações, ou se este computador está na rede da organização.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="194"/>
        <source>The server {url} refused the connection: nothing answers at that address and port. Check the address in Settings, or ask IT whether the server is running.</source>
        <translation>O servidor {url} recusou a conexão: nada responde nesse endereço e porta. Confira o endereço nas Configurações, ou pergunte à TI se o servidor está funcionando.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="197"/>
        <source>The server {url} did not answer in time. It may be overloaded or blocked by a firewall; try again, or ask IT.</source>
        <translation>O servidor {url} não respondeu a tempo. Ele pode estar sobrecarregado ou bloqueado por um firewall; tente novamente ou consulte a TI.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="200"/>
        <source>The secure connection to {url} failed ({detail}). If the organisation uses its own certificate authority, choose its CA file in Settings; ask IT if unsure.</source>
        <translation>A conexão segura com {url} falhou ({detail}). Se o órgão usa uma autoridade certificadora própria, escolha o arquivo dela nas Configurações; na dúvida, consulte a TI.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/network.py" line="203"/>
        <source>The connection to the server {url} was cut. Try again, or ask IT whether the server restarted.</source>
        <translation>A conexão com o servidor {url} caiu. Tente novamente ou pergunte à TI se o servidor reiniciou.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="128"/>
        <source>The server {url} cannot be reached ({detail}). Check the address in Settings and the network, or ask IT whether the server is running.</source>
        <translation>Não foi possível alcançar o servidor {url} ({detail}). Confira o endereço nas Configurações e a rede, ou pergunte à TI se o servidor está funcionando.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="136"/>
        <source>The server refused the API key ({status}). Check the key in Settings.</source>
        <translation>O servidor recusou a chave de API ({status}). Confira a chave nas Configurações.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="139"/>
        <source>The server has no model &apos;{model}&apos;. Choose one of its models in Settings.</source>
        <translation>O servidor não tem o modelo &apos;{model}&apos;. Escolha um dos modelos dele nas Configurações.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="143"/>
        <source>The text is too long for the server&apos;s model context. Shorten it, or ask IT for a longer context.</source>
        <translation>O texto é longo demais para o contexto do modelo do servidor. Encurte-o ou peça à TI um contexto maior.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="147"/>
        <source>The server is overloaded ({status}) and did not recover after several tries. Try again in a few minutes.</source>
        <translation>O servidor está sobrecarregado ({status}) e não se recuperou após várias tentativas. Tente novamente em alguns minutos.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="151"/>
        <source>{url} answers, but not as an OpenAI-compatible server (404). Check the address: it usually ends in /v1; your IT department has it.</source>
        <translation>{url} responde, mas não como um servidor compatível com a OpenAI (404). Confira o endereço: ele costuma terminar em /v1; o setor de TI o tem.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="156"/>
        <source>The server answered with error {status} and gave no reason. Ask your IT department whether it is working.</source>
        <translation>O servidor respondeu com o erro {status} sem dizer o motivo. Pergunte ao setor de TI se ele está funcionando.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="159"/>
        <source>The server answered with error {status}: {detail}</source>
        <translation>O servidor respondeu com o erro {status}: {detail}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="192"/>
        <source>The server at {url} does not speak the OpenAI-compatible API.</source>
        <translation>O servidor em {url} não usa a API compatível com OpenAI.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/server_backend.py" line="427"/>
        <source>The server stopped in the middle of the answer. What arrived is kept and marked incomplete; try again, or ask IT whether the server restarted.</source>
        <translation>O servidor parou no meio da resposta. O que chegou é mantido e marcado como incompleto; tente novamente ou pergunte à TI se o servidor reiniciou.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/loading.py" line="73"/>
        <source>The number of GPU layers must be &quot;auto&quot;, &quot;all&quot; or a whole number, not &quot;{value}&quot;.</source>
        <translation>O número de camadas na GPU deve ser &quot;auto&quot;, &quot;all&quot; ou um número inteiro, não &quot;{value}&quot;.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/hub.py" line="159"/>
        <source>{repo} has no {quantization} file now. Press Check availability to see what it holds.</source>
        <translation>{repo} não tem mais um arquivo {quantization}. Clique em Verificar disponibilidade para ver o que ele contém.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/hub.py" line="127"/>
        <source>Could not check {repo} on the hub</source>
        <translation>Não foi possível verificar {repo} no hub</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/hub.py" line="134"/>
        <source>The hub&apos;s answer about {repo} could not be read ({detail}).</source>
        <translation>Não foi possível ler a resposta do hub sobre {repo} ({detail}).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/hub.py" line="177"/>
        <source>Searching the hub for &apos;{text}&apos;</source>
        <translation>Buscando &apos;{text}&apos; no hub</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/hub.py" line="189"/>
        <source>{what}: the answer did not come from the hub (a proxy or network login page may be in the way). Open a web page to check, or ask IT.</source>
        <translation>{what}: a resposta não veio do hub (um proxy ou uma página de login da rede pode estar no caminho). Abra uma página da web para conferir, ou consulte a TI.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/catalog.py" line="31"/>
        <source>Rio (Prefeitura do Rio)</source>
        <translation>Rio (Prefeitura do Rio)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/catalog.py" line="32"/>
        <source>Qwen (base model)</source>
        <translation>Qwen (modelo base)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/catalog.py" line="33"/>
        <source>Starter, for very weak computers</source>
        <translation>Inicial, para computadores muito fracos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/models/catalog.py" line="34"/>
        <source>Added by you</source>
        <translation>Adicionado por você</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/searchable.py" line="53"/>
        <source>{name} has no pages read by OCR: it is already searchable, or it has no text at all.</source>
        <translation>{name} não tem páginas lidas por OCR: já é pesquisável ou não tem texto nenhum.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/searchable.py" line="78"/>
        <source>A searchable copy of {name} could not be made ({detail}).</source>
        <translation>Não foi possível fazer uma cópia pesquisável de {name} ({detail}).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/backend_probe.py" line="262"/>
        <source>The CPU variant {name} chosen in the settings cannot run on this computer; the automatic choice is used.</source>
        <translation>A variante de CPU {name} escolhida nas configurações não pode rodar neste computador; a escolha automática será usada.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/backend_probe.py" line="283"/>
        <source>The {module} GPU backend does not work on this computer ({reason}); models run on the CPU.</source>
        <translation>O backend de GPU {module} não funciona neste computador ({reason}); os modelos rodam na CPU.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/backend_probe.py" line="305"/>
        <source>The {module} GPU backend could not be loaded (no usable driver on this computer); models run on the CPU.</source>
        <translation>O backend de GPU {module} não pôde ser carregado (não há driver utilizável neste computador); os modelos rodam na CPU.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/ask.py" line="244"/>
        <source>{name} has no text to search: its pages are images (a scanned document) or unreadable. Use a PDF with a text layer (for instance, one passed through OCR).</source>
        <translation>{name} não tem texto para pesquisar: suas páginas são imagens (um documento digitalizado) ou estão ilegíveis. Use um PDF com camada de texto (por exemplo, um que tenha passado por OCR).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/ask.py" line="327"/>
        <source>The model&apos;s context ({n_ctx} tokens) is too small to answer questions with. Load the model with a longer context.</source>
        <translation>O contexto do modelo ({n_ctx} tokens) é pequeno demais para responder perguntas. Carregue o modelo com um contexto maior.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/ask.py" line="396"/>
        <source>Type a question first.</source>
        <translation>Digite uma pergunta primeiro.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/ask.py" line="417"/>
        <source>The question does not fit the model&apos;s context ({tokens} of {n_ctx} tokens).</source>
        <translation>A pergunta não cabe no contexto do modelo ({tokens} de {n_ctx} tokens).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/ask.py" line="432"/>
        <source>The answer was stopped before the end: what is shown is what the model had written.</source>
        <translation>A resposta foi interrompida antes do fim: o que aparece é o que o modelo já tinha escrito.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/ask.py" line="446"/>
        <source>The answer reached its length limit and its last sentence is cut off. Ask again for a shorter answer, or about one point at a time.</source>
        <translation>A resposta atingiu o limite de tamanho e sua última frase ficou cortada. Pergunte de novo pedindo uma resposta mais curta, ou sobre um ponto de cada vez.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/ask.py" line="452"/>
        <source>Cited pages read from images with low confidence: {pages}. Check them against the page itself.</source>
        <translation>Páginas citadas lidas de imagens com baixa confiança: {pages}. Confira-as na própria página.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/tasks/download.py" line="53"/>
        <source>Rio Desktop is set to work offline: turn that off in Settings to download.</source>
        <translation>O Rio Desktop está configurado para trabalhar sem rede: desative isso nas Configurações para baixar.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/tasks/download.py" line="70"/>
        <source>The download of {name} could not start. {problem}</source>
        <translation>O download de {name} não pôde começar. {problem}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="199"/>
        <source>{name} was not read: it takes {size}, more than a document of a process can ({limit}).</source>
        <translation>{name} não foi lido: ocupa {size}, mais do que um documento de um processo pode ({limit}).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="211"/>
        <source>{name} is damaged or is not a ZIP file, and cannot be read.</source>
        <translation>{name} está danificado ou não é um arquivo ZIP, e não pode ser lido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="215"/>
        <source>{name} was refused: it would unpack to far more than it weighs (a &quot;zip bomb&quot;).</source>
        <translation>{name} foi recusado: ao ser aberto ocuparia muito mais do que pesa (uma &quot;bomba zip&quot;).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="223"/>
        <source>{name}: the entry &quot;{entry}&quot; was refused (a name outside the archive).</source>
        <translation>{name}: o item &quot;{entry}&quot; foi recusado (um nome fora do arquivo compactado).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="230"/>
        <source>{name}: {entry} is protected by a password and was not read. Extract it with its password and add the file.</source>
        <translation>{name}: {entry} é protegido por senha e não foi lido. Extraia-o com a senha e adicione o arquivo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="273"/>
        <source>{name} was not read: Rio Desktop does not read {kind} files (it reads PDF, Word, OpenDocument, RTF, text, HTML, e-mail and images).</source>
        <translation>{name} não foi lido: o Rio Desktop não lê arquivos {kind} (lê PDF, Word, OpenDocument, RTF, texto, HTML, e-mail e imagens).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="279"/>
        <source>{name} is an Outlook message (.msg), which Rio Desktop cannot read yet. In Outlook, save it as an .eml file (File → Save As) and add that file.</source>
        <translation>{name} é uma mensagem do Outlook (.msg), que o Rio Desktop ainda não lê. No Outlook, salve-a como arquivo .eml (Arquivo → Salvar como) e adicione esse arquivo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="289"/>
        <source>{name}: archives inside archives are not read this deep.</source>
        <translation>{name}: arquivos compactados dentro de outros não são lidos a essa profundidade.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="303"/>
        <source>{name} could not be read ({detail}).</source>
        <translation>{name} não pôde ser lido ({detail}).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/process.py" line="351"/>
        <source>{name} is an image: reading scanned pages (OCR) is off in Settings, so it was not read.</source>
        <translation>{name} é uma imagem: a leitura de páginas digitalizadas (OCR) está desligada nas Configurações, então ela não foi lida.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/text_formats.py" line="31"/>
        <source>{name} is damaged or is not a valid {kind} file, and cannot be read. If it opens in its program, save it again (or as PDF) and add that file.</source>
        <translation>{name} está danificado ou não é um arquivo {kind} válido, e não pode ser lido. Se ele abrir no seu programa, salve-o de novo (ou como PDF) e adicione esse arquivo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="248"/>
        <source>The document has no text to read (a scan whose text could not be recognised?): fill in the reply&apos;s fields by hand.</source>
        <translation>O documento não tem texto para ler (um documento digitalizado cujo texto não pôde ser reconhecido?): preencha à mão os campos da resposta.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="258"/>
        <source>The letter holds blanks of a template ({placeholders}): they were not taken as names; fill them in by hand.</source>
        <translation>O ofício contém campos em branco de um modelo ({placeholders}): eles não foram tomados como nomes; preencha-os à mão.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="373"/>
        <source>This document does not look like a letter (no identification line such as &quot;OFÍCIO Nº 12/2026&quot;, no vocative and closing): the reply&apos;s form holds only what could be read{read}. Fill in the rest by hand.</source>
        <translation>Este documento não parece um ofício (sem linha de identificação como &quot;OFÍCIO Nº 12/2026&quot;, sem vocativo e fecho): o formulário da resposta traz apenas o que pôde ser lido{read}. Preencha o restante à mão.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="380"/>
        <source>The letter&apos;s number could not be read: the reply cites it without one.</source>
        <translation>Não foi possível ler o número do ofício: a resposta o cita sem número.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="383"/>
        <source>The letter&apos;s date could not be read (no place-and-date line): the reply cites it without one, and periods cannot be counted.</source>
        <translation>Não foi possível ler a data do ofício (sem linha de local e data): a resposta o cita sem data, e os prazos não podem ser contados.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="387"/>
        <source>The letter&apos;s subject could not be read.</source>
        <translation>Não foi possível ler o assunto do ofício.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="389"/>
        <source>The signatory&apos;s name could not be read: the reply&apos;s addressee is blank.</source>
        <translation>Não foi possível ler o nome do signatário: o destinatário da resposta está em branco.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="459"/>
        <source>The e-mail&apos;s date could not be read: the reply cites it without one.</source>
        <translation>Não foi possível ler a data do e-mail: a resposta o cita sem data.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="462"/>
        <source>The e-mail&apos;s sender has no name in its From line: the reply&apos;s addressee is blank.</source>
        <translation>O remetente do e-mail não tem nome na linha De: o destinatário da resposta está em branco.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="536"/>
        <source>Counted in business days (weekends skipped, holidays not) from the letter&apos;s date, {date}.</source>
        <translation>Contado em dias úteis (sem fins de semana; feriados não descontados) a partir da data do ofício, {date}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="539"/>
        <source>Counted in calendar days from the letter&apos;s date, {date}: check whether the period runs from receipt instead.</source>
        <translation>Contado em dias corridos a partir da data do ofício, {date}: verifique se o prazo corre a partir do recebimento.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="543"/>
        <source>A period with no date to count from: the letter&apos;s date could not be read.</source>
        <translation>Um prazo sem data para contar: não foi possível ler a data do ofício.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="553"/>
        <source>The letter gives no year: taken as the next such day after its date.</source>
        <translation>O ofício não indica o ano: considerado o próximo dia com essa data após a data do ofício.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="560"/>
        <source>Only the day is given, and the letter&apos;s date could not be read.</source>
        <translation>Só o dia é indicado, e não foi possível ler a data do ofício.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/documents/received_letter.py" line="567"/>
        <source>Only the day is given: taken in the letter&apos;s month, or the next month when that day had passed.</source>
        <translation>Só o dia é indicado: considerado no mês do ofício, ou no mês seguinte quando esse dia já tinha passado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/tasks/reply.py" line="105"/>
        <source>{name} was not found: choose the received letter&apos;s file again.</source>
        <translation>{name} não foi encontrado: escolha de novo o arquivo do ofício recebido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/tasks/reply.py" line="117"/>
        <source>it holds no text</source>
        <translation>ele não contém texto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/tasks/reply.py" line="118"/>
        <source>{name} could not be read as a letter to answer: {problems}</source>
        <translation>{name} não pôde ser lido como ofício a responder: {problems}</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="114"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="115"/>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/model_catalog.py" line="116"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>DraftPage</name>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="97"/>
        <source>Draft page</source>
        <translation>Página de redação</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="111"/>
        <source>What the letter must say…</source>
        <translation>O que a carta deve dizer…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="115"/>
        <source>&amp;Template:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="120"/>
        <source>No&amp;tes:</source>
        <translation>Ano&amp;tações:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="124"/>
        <source>&amp;Reply to a received document…</source>
        <translation>Responder a um documento rece&amp;bido…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="126"/>
        <source>Open the letter or e-mail that arrived: the form is filled from it and its requests listed</source>
        <translation>Abra o ofício ou e-mail que chegou: o formulário é preenchido a partir dele e seus pedidos são listados</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="134"/>
        <source>&amp;Write the body</source>
        <translation>&amp;Escrever o corpo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="135"/>
        <source>The model writes the body from the notes</source>
        <translation>O modelo escreve o corpo a partir das anotações</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="136"/>
        <source>Cance&amp;l</source>
        <translation>Cance&amp;lar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="153"/>
        <source>Saved drafts</source>
        <translation>Rascunhos salvos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="154"/>
        <source>New draft</source>
        <translation>Novo rascunho</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="156"/>
        <source>Body of the letter</source>
        <translation>Corpo da carta</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="157"/>
        <source>The body of the letter: write it, or let the model write it from the notes.</source>
        <translation>O corpo da carta: escreva-o ou deixe o modelo escrevê-lo a partir das anotações.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="162"/>
        <source>Selection:</source>
        <translation>Seleção:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="164"/>
        <source>More formal</source>
        <translation>Mais formal</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="164"/>
        <source>Shorter</source>
        <translation>Mais curto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="165"/>
        <source>Plain language</source>
        <translation>Linguagem simples</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="165"/>
        <source>Fix grammar</source>
        <translation>Corrigir gramática</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="167"/>
        <source>Rewrite the selected text: {what}</source>
        <translation>Reescrever o texto selecionado: {what}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="173"/>
        <source>The letter as it will be printed</source>
        <translation>A carta como será impressa</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="174"/>
        <source>Copy text</source>
        <translation>Copiar texto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="175"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="176"/>
        <source>&amp;Print…</source>
        <translation>Im&amp;primir…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="180"/>
        <source>Drafts:</source>
        <translation>Rascunhos:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="207"/>
        <source>The kind of document, with its layout and form of address</source>
        <translation>O tipo de documento, com seu leiaute e sua forma de tratamento</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/draft_page.py" line="430"/>
        <source>The model found %n field(s) in the document, marked in the form: check them.</source>
        <translation>
            <numerusform>O modelo encontrou %n campo no documento, marcado no formulário: confira-o.</numerusform>
            <numerusform>O modelo encontrou %n campos no documento, marcados no formulário: confira-os.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="117"/>
        <source>Template</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="122"/>
        <source>Notes</source>
        <translation>Anotações</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="208"/>
        <source>What the letter must say, in your words; the model writes the body from them</source>
        <translation>O que a carta deve dizer, com suas palavras; o modelo redige o corpo a partir delas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="209"/>
        <source>Stop the model writing; what is written stays</source>
        <translation>Interromper a redação pelo modelo; o que já foi escrito fica</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="210"/>
        <source>The document as it will be printed and exported</source>
        <translation>O documento como será impresso e exportado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="211"/>
        <source>Copy the whole document as text</source>
        <translation>Copiar o documento inteiro como texto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="212"/>
        <source>Save the document as Word or PDF</source>
        <translation>Salvar o documento como Word ou PDF</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="213"/>
        <source>Print the document</source>
        <translation>Imprimir o documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="214"/>
        <source>Drafts are saved as you type; reopen one here</source>
        <translation>Os rascunhos são salvos enquanto você digita; reabra um aqui</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="215"/>
        <source>Start a new document; the current draft stays saved</source>
        <translation>Começar um novo documento; o rascunho atual continua salvo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="216"/>
        <source>The body of the letter; select a passage to rewrite it</source>
        <translation>O corpo da carta; selecione um trecho para reescrevê-lo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="288"/>
        <source>New letter</source>
        <translation>Nova carta</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="332"/>
        <source>The draft could not be saved ({detail}); it stays on screen.</source>
        <translation>Não foi possível salvar o rascunho ({detail}); ele continua na tela.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="349"/>
        <source>Open the letter or e-mail to answer</source>
        <translation>Abrir o ofício ou e-mail a responder</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="350"/>
        <source>Letters (*.pdf *.docx *.odt *.rtf *.txt *.html *.htm *.eml *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>Documentos (*.pdf *.docx *.odt *.rtf *.txt *.html *.htm *.eml *.jpg *.jpeg *.png *.tif *.tiff);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="378"/>
        <source>The model is still writing this draft: wait for it or stop it, then reply.</source>
        <translation>O modelo ainda está escrevendo este rascunho: espere-o terminar ou interrompa-o e então responda.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="386"/>
        <source>Reading {name}…</source>
        <translation>Lendo {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="406"/>
        <source>The document is not laid out as a letter: the model is reading who wrote it and what about…</source>
        <translation>O documento não tem a estrutura de um ofício: o modelo está lendo quem o escreveu e sobre o quê…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="429"/>
        <source>Guessed by the model from the document&apos;s own words: check it.</source>
        <translation>Deduzido pelo modelo a partir das próprias palavras do documento: confira.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="432"/>
        <source>The model found nothing more in the document: fill in the rest by hand.</source>
        <translation>O modelo não encontrou mais nada no documento: preencha o restante à mão.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="453"/>
        <source>The form was filled from {name}. Check it, tick the requests to answer and write the body.</source>
        <translation>O formulário foi preenchido a partir de {name}. Confira-o, marque os pedidos a responder e escreva o corpo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="510"/>
        <source>Write in the notes what the letter must say.</source>
        <translation>Escreva nas anotações o que a carta deve dizer.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="526"/>
        <source>The model is writing the body…</source>
        <translation>O modelo está escrevendo o corpo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="543"/>
        <source>The model is rewriting the selection…</source>
        <translation>O modelo está reescrevendo a seleção…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="607"/>
        <source>Done. The text is yours to edit; Ctrl+Z undoes the model&apos;s change.</source>
        <translation>Pronto. O texto é seu para editar; Ctrl+Z desfaz a alteração do modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="615"/>
        <source>Stopped. What was written is kept.</source>
        <translation>Interrompido. O que foi escrito é mantido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="636"/>
        <source>The letter was copied as text.</source>
        <translation>A carta foi copiada como texto.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="643"/>
        <source>Export the letter</source>
        <translation>Exportar a carta</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="644"/>
        <source>Word document (*.docx);;PDF (*.pdf)</source>
        <translation>Documento do Word (*.docx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="651"/>
        <source>The letter could not be saved</source>
        <translation>Não foi possível salvar a carta</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/draft_page.py" line="672"/>
        <source>The printer could not be opened.</source>
        <translation>Não foi possível abrir a impressora.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../rio_desktop/ui/app.py" line="81"/>
        <source>Unexpected error</source>
        <translation>Erro inesperado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/app.py" line="82"/>
        <source>Rio Desktop met an unexpected error and carried on. Your work has not been lost.

{summary}

The details are in the log: {log}</source>
        <translation>O Rio Desktop encontrou um erro inesperado e continuou funcionando. Seu trabalho não foi perdido.

{summary}

Os detalhes estão no registro: {log}</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <location filename="../../rio_desktop/ui/export_job.py" line="31"/>
        <source>Saving {name}…</source>
        <translation>Salvando {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/export_job.py" line="37"/>
        <source>Saved {name}.</source>
        <translation>{name} foi salvo.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="87"/>
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="93"/>
        <source>Automatic: off for letters and rewrites, on for summaries and answers</source>
        <translation>Automático: desligado em cartas e reescritas, ligado em resumos e respostas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="95"/>
        <source>On, within the budget</source>
        <translation>Ligado, dentro do limite</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="96"/>
        <source>Off (faster; models that always think are stopped at once)</source>
        <translation>Desligado (mais rápido; modelos que sempre pensam são interrompidos de imediato)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="101"/>
        <source> tokens</source>
        <translation> tokens</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="108"/>
        <source>“Resposta ao Ofício nº …” (the letter answered)</source>
        <translation>“Resposta ao Ofício nº …” (o documento respondido)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="109"/>
        <source>The received letter&apos;s own subject</source>
        <translation>O próprio assunto do documento recebido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="139"/>
        <source>The subject a reply to a received letter starts with; it stays editable</source>
        <translation>O assunto com que começa a resposta a um documento recebido; continua editável</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="149"/>
        <source>None: the built-in templates only</source>
        <translation>Nenhuma: só os modelos incluídos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="150"/>
        <source>Choose…</source>
        <translation>Escolher…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="151"/>
        <source>Choose the templates folder</source>
        <translation>Escolher a pasta de modelos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="114"/>
        <source>Automatic: pages without usable text</source>
        <translation>Automático: páginas sem texto utilizável</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="115"/>
        <source>Always: read every page from its image</source>
        <translation>Sempre: ler todas as páginas pela imagem</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="116"/>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="119"/>
        <source>Portuguese</source>
        <translation>Português</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="119"/>
        <source>English</source>
        <translation>Inglês</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="119"/>
        <source>Spanish</source>
        <translation>Espanhol</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="135"/>
        <source>The language of Rio Desktop&apos;s windows; a change needs a restart</source>
        <translation>O idioma das janelas do Rio Desktop; a mudança exige reiniciar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="152"/>
        <source>Choose a folder with your organisation&apos;s document templates</source>
        <translation>Escolher uma pasta com os modelos de documento do seu órgão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="136"/>
        <source>Scanned pages are read from their image on this computer (OCR), offline; slower than pages with text</source>
        <translation>As páginas digitalizadas são lidas pela imagem neste computador (OCR), sem internet; é mais lento que páginas com texto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="138"/>
        <source>The language scanned pages are written in</source>
        <translation>O idioma em que as páginas digitalizadas estão escritas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="141"/>
        <source>Whether the model reasons before it answers. Reasoning is shown apart and never enters a letter, a summary or an export</source>
        <translation>Se o modelo raciocina antes de responder. O raciocínio aparece à parte e nunca entra em uma carta, um resumo ou uma exportação</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="143"/>
        <source>At most this many tokens of reasoning per step; then the model must answer</source>
        <translation>No máximo esta quantidade de tokens de raciocínio por etapa; depois o modelo precisa responder</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="162"/>
        <source>The organisation&apos;s templates</source>
        <translation>Os modelos do órgão</translation>
    </message>
</context>
<context>
    <name>InstalledTab</name>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="59"/>
        <source>Installed models</source>
        <translation>Modelos instalados</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="60"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="60"/>
        <source>Quantization</source>
        <translation>Quantização</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="60"/>
        <source>Architecture</source>
        <translation>Arquitetura</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="61"/>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="61"/>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="61"/>
        <source>On this computer</source>
        <translation>Neste computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="62"/>
        <source>Location</source>
        <translation>Local</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="78"/>
        <source>&amp;Load</source>
        <translation>&amp;Carregar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="78"/>
        <source>Set as &amp;default</source>
        <translation>Definir como &amp;padrão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="79"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Excluir…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="79"/>
        <source>E&amp;xport for USB…</source>
        <translation>E&amp;xportar para pendrive…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="80"/>
        <source>Import &amp;file…</source>
        <translation>Importar &amp;arquivo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="80"/>
        <source>Import f&amp;older…</source>
        <translation>Importar &amp;pasta…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="81"/>
        <source>&amp;Move models folder…</source>
        <translation>&amp;Mover a pasta dos modelos…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="87"/>
        <source>The models on this computer; double-click one to load it</source>
        <translation>Os modelos deste computador; clique duas vezes em um para carregá-lo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="88"/>
        <source>Load the chosen model to use it</source>
        <translation>Carregar o modelo escolhido para usá-lo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="89"/>
        <source>Load this model every time Rio Desktop starts</source>
        <translation>Carregar este modelo sempre que o Rio Desktop abrir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="90"/>
        <source>Remove the chosen model from this computer</source>
        <translation>Remover o modelo escolhido deste computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="91"/>
        <source>Copy the chosen model to a folder, with a checksum file, to install it on a computer without internet</source>
        <translation>Copiar o modelo escolhido para uma pasta, com um arquivo de verificação, para instalá-lo em um computador sem internet</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="93"/>
        <source>Add a GGUF model file from this computer or a USB drive</source>
        <translation>Adicionar um arquivo de modelo GGUF deste computador ou de um pendrive</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="94"/>
        <source>Add a model folder exported by Rio Desktop; every file is checked first</source>
        <translation>Adicionar uma pasta de modelo exportada pelo Rio Desktop; cada arquivo é conferido antes</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="96"/>
        <source>Move every model to another folder or disk</source>
        <translation>Mover todos os modelos para outra pasta ou disco</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="140"/>
        <source>GPU, {memory}</source>
        <translation>GPU, {memory}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="142"/>
        <source>GPU and RAM (experts in RAM), {memory}</source>
        <translation>GPU e RAM (especialistas na RAM), {memory}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="144"/>
        <source>GPU ({layers} layers) and CPU, {memory}</source>
        <translation>GPU ({layers} camadas) e CPU, {memory}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="146"/>
        <source>CPU, {memory}</source>
        <translation>CPU, {memory}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="147"/>
        <source>Does not fit ({memory} needed)</source>
        <translation>Não cabe (precisa de {memory})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="157"/>
        <source>used in place: {path}</source>
        <translation>usado no local: {path}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="164"/>
        <source>Not a usable model: {name}: {reason}</source>
        <translation>Não é um modelo utilizável: {name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="218"/>
        <source>Delete {name} ({size})? The file is removed from this computer.</source>
        <translation>Excluir {name} ({size})? O arquivo será removido deste computador.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="220"/>
        <source>Stop listing {name}? The file stays where it is.</source>
        <translation>Deixar de listar {name}? O arquivo permanece onde está.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="221"/>
        <source>Delete model</source>
        <translation>Excluir modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="224"/>
        <source>{freed} freed.</source>
        <translation>{freed} liberados.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="232"/>
        <source>Export to (for example a USB drive)</source>
        <translation>Exportar para (por exemplo, um pendrive)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="235"/>
        <source>Exporting {name}…</source>
        <translation>Exportando {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="243"/>
        <location filename="../../rio_desktop/ui/installed_models.py" line="254"/>
        <source>Import a model</source>
        <translation>Importar um modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="244"/>
        <source>GGUF models (*.gguf)</source>
        <translation>Modelos GGUF (*.gguf)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="255"/>
        <source>Copy {name} into the models folder? Choose No to use it where it is.</source>
        <translation>Copiar {name} para a pasta de modelos? Escolha Não para usá-lo onde está.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="263"/>
        <source>Importing {name}…</source>
        <translation>Importando {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="266"/>
        <source>{name} was imported.</source>
        <translation>{name} foi importado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="274"/>
        <source>Import an exported model folder</source>
        <translation>Importar uma pasta de modelo exportada</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="282"/>
        <source>Checking and importing {name}…</source>
        <translation>Verificando e importando {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="288"/>
        <source>Move the models to</source>
        <translation>Mover os modelos para</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="298"/>
        <source>The models are now in {folder}.</source>
        <translation>Os modelos agora estão em {folder}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="300"/>
        <source>Moving the models to {folder}…</source>
        <translation>Movendo os modelos para {folder}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="236"/>
        <source>Exported to {folder}.</source>
        <translation>Exportado para {folder}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/installed_models.py" line="317"/>
        <source>The models folder could not be read: {error}</source>
        <translation>Não foi possível ler a pasta de modelos: {error}</translation>
    </message>
</context>
<context>
    <name>LetterForm</name>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="43"/>
        <source>&amp;Number:</source>
        <translation>&amp;Número:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="44"/>
        <source>The document&apos;s number, as given by the protocol</source>
        <translation>O número do documento, como atribuído pelo protocolo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="45"/>
        <source>&amp;Year:</source>
        <translation>&amp;Ano:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="46"/>
        <source>The year in the document&apos;s identification</source>
        <translation>O ano na identificação do documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="47"/>
        <source>De&amp;partment:</source>
        <translation>De&amp;partamento:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="48"/>
        <source>The last line of the letterhead, your department; remembered for your next letters</source>
        <translation>A última linha do timbre, o seu departamento; lembrada nas suas próximas cartas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="50"/>
        <source>e.g. Coordenadoria-Geral de Gestão de Pessoas</source>
        <translation>p. ex. Coordenadoria-Geral de Gestão de Pessoas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="51"/>
        <source>&amp;Sectors:</source>
        <translation>&amp;Setores:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="52"/>
        <source>The acronyms in the identification, smallest first; remembered for your next letters</source>
        <translation>As siglas na identificação, da menor para a maior; lembradas nas suas próximas cartas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="54"/>
        <source>smallest first, e.g. CGP/SMF</source>
        <translation>do menor para o maior, p. ex. CGP/SMF</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="55"/>
        <source>&amp;City:</source>
        <translation>&amp;Cidade:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="56"/>
        <source>The city in the place and date line</source>
        <translation>A cidade na linha de local e data</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="57"/>
        <source>&amp;Date:</source>
        <translation>&amp;Data:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="58"/>
        <source>The date of the document</source>
        <translation>A data do documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="59"/>
        <source>Addressee &amp;name:</source>
        <translation>Nome do &amp;destinatário:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="60"/>
        <source>Who receives the document</source>
        <translation>Quem recebe o documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="61"/>
        <source>Addressee &amp;office:</source>
        <translation>Car&amp;go do destinatário:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="62"/>
        <source>The addressee&apos;s office or position</source>
        <translation>O cargo ou função do destinatário</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="63"/>
        <source>&amp;Form of address:</source>
        <translation>&amp;Tratamento:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="64"/>
        <source>The form of address the Manual de Redação prescribes for the addressee</source>
        <translation>A forma de tratamento que o Manual de Redação prescreve para o destinatário</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="66"/>
        <source>Vossa Excelência</source>
        <translation>Vossa Excelência</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="67"/>
        <source>Vossa Senhoria</source>
        <translation>Vossa Senhoria</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="68"/>
        <source>Private citizen</source>
        <translation>Particular (cidadão)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="69"/>
        <source>&amp;Gender:</source>
        <translation>Gên&amp;ero:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="70"/>
        <source>Gives Senhor or Senhora in the vocative</source>
        <translation>Define Senhor ou Senhora no vocativo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="71"/>
        <source>Male (Senhor)</source>
        <translation>Masculino (Senhor)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="72"/>
        <source>Female (Senhora)</source>
        <translation>Feminino (Senhora)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="73"/>
        <source>Add&amp;ress:</source>
        <translation>Endereç&amp;o:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="74"/>
        <source>The addressee&apos;s address, for the address block</source>
        <translation>O endereço do destinatário, para o bloco de endereçamento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="75"/>
        <source>Street and number
CEP and city/UF</source>
        <translation>Logradouro e número
CEP e cidade/UF</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="76"/>
        <source>S&amp;ubject:</source>
        <translation>Ass&amp;unto:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="77"/>
        <source>One line saying what the document is about</source>
        <translation>Uma linha dizendo de que trata o documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="78"/>
        <source>&amp;References:</source>
        <translation>&amp;Referências:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="79"/>
        <source>Earlier documents this one answers or cites</source>
        <translation>Documentos anteriores que este responde ou cita</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="80"/>
        <source>Re&amp;lation:</source>
        <translation>Re&amp;lação:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="81"/>
        <source>The addressee&apos;s level compared with the signatory&apos;s: it sets the closing (Respeitosamente or Atenciosamente)</source>
        <translation>O nível do destinatário em relação ao signatário: define o fecho (Respeitosamente ou Atenciosamente)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="83"/>
        <source>Higher authority</source>
        <translation>Autoridade superior</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="84"/>
        <source>Same level</source>
        <translation>Mesmo nível</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="85"/>
        <source>Lower level</source>
        <translation>Nível inferior</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="86"/>
        <source>Signatory n&amp;ame:</source>
        <translation>Nome do s&amp;ignatário:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="87"/>
        <source>Who signs the document; remembered for your next letters</source>
        <translation>Quem assina o documento; lembrado nas suas próximas cartas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="88"/>
        <source>Signatory o&amp;ffice:</source>
        <translation>Cargo do signatár&amp;io:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/letter_form.py" line="89"/>
        <source>The signatory&apos;s office or position; remembered for your next letters</source>
        <translation>O cargo ou função do signatário; lembrado nas suas próximas cartas</translation>
    </message>
</context>
<context>
    <name>LocalPage</name>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="187"/>
        <source>Automatic (from the machine&apos;s load)</source>
        <translation>Automático (pela carga da máquina)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="193"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="200"/>
        <source>Automatic (from the memory plan)</source>
        <translation>Automático (pelo plano de memória)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="228"/>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="229"/>
        <source>Yes, except documents with personal data (LGPD)</source>
        <translation>Sim, exceto documentos com dados pessoais (LGPD)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="230"/>
        <source>No (read again after a restart)</source>
        <translation>Não (lidos de novo após reiniciar)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="236"/>
        <source>Nothing on disk</source>
        <translation>Nada no disco</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="239"/>
        <source>&amp;Empty</source>
        <translation>&amp;Esvaziar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="213"/>
        <source>How many processor cores the model uses; Automatic leaves room for other programs</source>
        <translation>Quantos núcleos do processador o modelo usa; Automático deixa espaço para outros programas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="215"/>
        <source>How much text the model holds at once; more needs more memory. Automatic follows the memory plan</source>
        <translation>Quanto texto o modelo comporta de uma vez; mais texto exige mais memória. Automático segue o plano de memória</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="217"/>
        <source>How much of the model runs on the graphics card; Automatic follows the memory plan</source>
        <translation>Quanto do modelo roda na placa de vídeo; Automático segue o plano de memória</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="219"/>
        <source>After reading a document the model&apos;s memory of it is kept, so the next question about it, even tomorrow, does not read it again</source>
        <translation>Depois de ler um documento, o modelo guarda o que leu, para que a próxima pergunta sobre ele, mesmo amanhã, não o leia de novo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="221"/>
        <source>Remove every read document kept on this computer</source>
        <translation>Remove todos os documentos lidos guardados neste computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="254"/>
        <source>In use: {size}</source>
        <translation>Em uso: {size}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="82"/>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="89"/>
        <source>Summarize</source>
        <translation>Resumir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="89"/>
        <source>Draft</source>
        <translation>Redigir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="89"/>
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="89"/>
        <source>Process</source>
        <translation>Processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="105"/>
        <source>Loaded model</source>
        <translation>Modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="107"/>
        <source>Where the model runs</source>
        <translation>Onde o modelo é executado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="109"/>
        <source>Last speed</source>
        <translation>Última velocidade</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="218"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="219"/>
        <source>&amp;Open PDF…</source>
        <translation>&amp;Abrir PDF…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="220"/>
        <source>Open a PDF to summarize</source>
        <translation>Abrir um PDF para resumir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="221"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="222"/>
        <source>Save the summary or the letter as a file</source>
        <translation>Salvar o resumo ou o documento como arquivo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="223"/>
        <source>&amp;Print…</source>
        <translation>Im&amp;primir…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="224"/>
        <source>Print the letter</source>
        <translation>Imprimir o documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="226"/>
        <source>&amp;Load model…</source>
        <translation>&amp;Carregar modelo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="227"/>
        <source>&amp;Settings…</source>
        <translation>C&amp;onfigurações…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="229"/>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="231"/>
        <source>&amp;Run</source>
        <translation>&amp;Executar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="232"/>
        <source>&amp;Summarize or write</source>
        <translation>&amp;Resumir ou redigir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="234"/>
        <source>Summarize the open PDF, or write the letter&apos;s body</source>
        <translation>Resumir o PDF aberto ou redigir o corpo do documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="235"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="236"/>
        <source>Stop what the model is doing</source>
        <translation>Interromper o que o modelo está fazendo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="238"/>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="239"/>
        <source>&amp;Summarize</source>
        <translation>&amp;Resumir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="239"/>
        <source>&amp;Draft</source>
        <translation>Re&amp;digir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="239"/>
        <source>&amp;Models</source>
        <translation>&amp;Modelos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="240"/>
        <source>&amp;Process</source>
        <translation>&amp;Processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="245"/>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="246"/>
        <source>&amp;Getting started…</source>
        <translation>&amp;Primeiros passos…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="247"/>
        <source>What this computer can run and how to get a model</source>
        <translation>O que este computador consegue executar e como obter um modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="248"/>
        <source>Open the &amp;log folder</source>
        <translation>Abrir a pasta de &amp;registros</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="249"/>
        <source>&amp;About Rio Desktop</source>
        <translation>&amp;Sobre o Rio Desktop</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="293"/>
        <source>Load a model</source>
        <translation>Carregar um modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="294"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modelos GGUF (*.gguf);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="310"/>
        <source>The organisation&apos;s server is in use</source>
        <translation>O servidor do órgão está em uso</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="311"/>
        <source>Rio Desktop is set to use the organisation&apos;s server. To run a model file on this computer, choose &quot;This computer&quot; in Settings first.</source>
        <translation>O Rio Desktop está configurado para usar o servidor do órgão. Para executar um arquivo de modelo neste computador, escolha &quot;Este computador&quot; nas Configurações.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="321"/>
        <source>Loading {name}…</source>
        <translation>Carregando {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="341"/>
        <source>Restart Rio Desktop?</source>
        <translation>Reiniciar o Rio Desktop?</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="342"/>
        <source>The new language is used from the next start. Restart Rio Desktop now? Your draft is kept; a summary being written is stopped.</source>
        <translation>O novo idioma vale a partir da próxima abertura. Reiniciar o Rio Desktop agora? Seu rascunho é mantido; um resumo em andamento é interrompido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="369"/>
        <source>Connecting to {url}…</source>
        <translation>Conectando a {url}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="462"/>
        <source>About Rio Desktop</source>
        <translation>Sobre o Rio Desktop</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="463"/>
        <source>&lt;b&gt;{name} {version}&lt;/b&gt;&lt;p&gt;Offline AI help for public administration: documents stay on this computer.&lt;/p&gt;</source>
        <translation>&lt;b&gt;{name} {version}&lt;/b&gt;&lt;p&gt;Assistência de IA offline para a administração pública: os documentos permanecem neste computador.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="470"/>
        <source>No model loaded</source>
        <translation>Nenhum modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="474"/>
        <source>{name} ({file})</source>
        <translation>{name} ({file})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="490"/>
        <source>{name} is loaded and ready.</source>
        <translation>{name} está carregado e pronto.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="509"/>
        <source>{speed:.1f} tokens/s</source>
        <translation>{speed:.1f} tokens/s</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="521"/>
        <source>Something could not be done</source>
        <translation>Algo não pôde ser feito</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="500"/>
        <source>The model could not be loaded</source>
        <translation>Não foi possível carregar o modelo</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="53"/>
        <source>Models page</source>
        <translation>Página de modelos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="55"/>
        <location filename="../../rio_desktop/ui/models_page.py" line="115"/>
        <source>Loaded model</source>
        <translation>Modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="57"/>
        <location filename="../../rio_desktop/ui/models_page.py" line="154"/>
        <source>No model loaded</source>
        <translation>Nenhum modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="60"/>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="61"/>
        <source>Details:</source>
        <translation>Detalhes:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="64"/>
        <source>Reasoning:</source>
        <translation>Raciocínio:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="65"/>
        <source>&amp;Load model from file…</source>
        <translation>&amp;Carregar modelo de um arquivo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="66"/>
        <source>Choose a GGUF model file on this computer</source>
        <translation>Escolher um arquivo de modelo GGUF neste computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="69"/>
        <source>Model loading progress</source>
        <translation>Progresso do carregamento do modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="74"/>
        <source>Try the model</source>
        <translation>Experimentar o modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="77"/>
        <source>Question for the model</source>
        <translation>Pergunta para o modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="78"/>
        <source>Write a question or an instruction…</source>
        <translation>Escreva uma pergunta ou uma instrução…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="81"/>
        <source>&amp;Generate</source>
        <translation>&amp;Gerar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="82"/>
        <source>Send the question to the loaded model</source>
        <translation>Enviar a pergunta ao modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="83"/>
        <source>&amp;Cancel</source>
        <translation>Ca&amp;ncelar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="84"/>
        <source>Stop the answer being written</source>
        <translation>Interromper a resposta em andamento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="93"/>
        <source>The model&apos;s answer</source>
        <translation>A resposta do modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="103"/>
        <source>Write a question to check that the model answers well</source>
        <translation>Escreva uma pergunta para conferir se o modelo responde bem</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="104"/>
        <source>The model&apos;s answer appears here as it is written</source>
        <translation>A resposta do modelo aparece aqui enquanto é escrita</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="116"/>
        <source>Installed</source>
        <translation>Instalados</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="118"/>
        <location filename="../../rio_desktop/ui/models_page.py" line="138"/>
        <source>Catalogue and downloads</source>
        <translation>Catálogo e downloads</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="155"/>
        <source>Load a GGUF model file to start.</source>
        <translation>Carregue um arquivo de modelo GGUF para começar.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="162"/>
        <source>{arch}, {params} parameters, {quant}, {size} on disk. Context: {used} tokens used of {trained} trained. Runs on: {backend}. Loaded in {seconds:.1f} s.</source>
        <translation>{arch}, {params} parâmetros, {quant}, {size} em disco. Contexto: {used} tokens em uso de {trained} treinados. Executa em: {backend}. Carregado em {seconds:.1f} s.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="185"/>
        <source>Writing…</source>
        <translation>Escrevendo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="198"/>
        <source>Stopping…</source>
        <translation>Interrompendo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="215"/>
        <source>{tokens} tokens in {seconds:.1f} s ({speed:.1f} tokens/s).</source>
        <translation>{tokens} tokens em {seconds:.1f} s ({speed:.1f} tokens/s).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="222"/>
        <source>Stopped. The text so far is kept above.</source>
        <translation>Interrompido. O texto gerado até aqui está mantido acima.</translation>
    </message>
</context>
<context>
    <name>PageTextView</name>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="20"/>
        <source>Text read from the page</source>
        <translation>Texto lido da página</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="23"/>
        <source>◀ Previous page</source>
        <translation>◀ Página anterior</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="24"/>
        <source>Next page ▶</source>
        <translation>Próxima página ▶</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="27"/>
        <source>Text of the page</source>
        <translation>Texto da página</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="28"/>
        <source>Show the text read from the previous page</source>
        <translation>Mostrar o texto lido da página anterior</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="29"/>
        <source>Show the text read from the next page</source>
        <translation>Mostrar o texto lido da próxima página</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="30"/>
        <source>The text Rio Desktop read from this page, as the summary uses it</source>
        <translation>O texto que o Rio Desktop leu desta página, como o resumo o usa</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="48"/>
        <source>Page {number}: not read.</source>
        <translation>Página {number}: não lida.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="51"/>
        <source>Page {number}: read from the image by OCR, {confidence} % confidence.</source>
        <translation>Página {number}: lida da imagem por OCR, com {confidence} % de confiança.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="54"/>
        <source>A poor scan: check the text against the page.</source>
        <translation>Digitalização de baixa qualidade: confira o texto com a página.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="57"/>
        <source>Page {number}: the PDF&apos;s own text.</source>
        <translation>Página {number}: o próprio texto do PDF.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="58"/>
        <source>no text was found</source>
        <translation>nenhum texto foi encontrado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="58"/>
        <source>it could not be read</source>
        <translation>não foi possível lê-la</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="59"/>
        <source>reading it took too long</source>
        <translation>a leitura demorou demais</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/page_text_view.py" line="60"/>
        <source>Page {number}: {reason}; the summary leaves it out.</source>
        <translation>Página {number}: {reason}; o resumo não a inclui.</translation>
    </message>
</context>
<context>
    <name>PrivacyGuard</name>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="43"/>
        <source>CPF numbers</source>
        <translation>números de CPF</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="44"/>
        <source>CNPJ numbers</source>
        <translation>números de CNPJ</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="45"/>
        <source>RG numbers</source>
        <translation>números de RG</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="46"/>
        <source>e-mail addresses</source>
        <translation>endereços de e-mail</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="47"/>
        <source>phone numbers</source>
        <translation>números de telefone</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="48"/>
        <source>CEPs</source>
        <translation>CEPs</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="51"/>
        <source>This text goes to the organisation&apos;s server and holds personal data:

{found}

Replace them with placeholders before sending? The answer gets the originals back.</source>
        <translation>Este texto vai para o servidor do órgão e contém dados pessoais:

{found}

Substituí-los por marcadores antes de enviar? A resposta recebe os originais de volta.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="55"/>
        <source>Personal data (LGPD)</source>
        <translation>Dados pessoais (LGPD)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="57"/>
        <source>Replace and send</source>
        <translation>Substituir e enviar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/privacy.py" line="58"/>
        <source>Send as it is</source>
        <translation>Enviar como está</translation>
    </message>
</context>
<context>
    <name>ProcessPage</name>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="67"/>
        <source>Process</source>
        <translation>Processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="69"/>
        <source>Open a &amp;folder…</source>
        <translation>Abrir uma &amp;pasta…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="70"/>
        <source>Open a ZIP or &amp;files…</source>
        <translation>Abrir um ZIP ou &amp;arquivos…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="71"/>
        <source>&amp;Add a file…</source>
        <translation>A&amp;dicionar um arquivo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="72"/>
        <source>&amp;Summarize the process</source>
        <translation>&amp;Resumir o processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="73"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="74"/>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="76"/>
        <source>Rep&amp;ly to this document</source>
        <translation>Respo&amp;nder a este documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="78"/>
        <source>Documents of the process</source>
        <translation>Documentos do processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="79"/>
        <location filename="../../rio_desktop/ui/process_page.py" line="109"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="79"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="79"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="79"/>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="80"/>
        <source>Read from</source>
        <translation>Lido de</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="92"/>
        <source>Files that were not read</source>
        <translation>Arquivos que não foram lidos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="96"/>
        <source>Summary of the process</source>
        <translation>Resumo do processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="100"/>
        <source>The document&apos;s text</source>
        <translation>O texto do documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="107"/>
        <source>Summary and chronology</source>
        <translation>Resumo e cronologia</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="108"/>
        <source>&amp;Questions</source>
        <translation>Per&amp;guntas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="122"/>
        <source>Open a folder, a ZIP or several files of a process: PDF, Word, OpenDocument, RTF, text, HTML, e-mail and images.</source>
        <translation>Abra uma pasta, um ZIP ou vários arquivos de um processo: PDF, Word, OpenDocument, RTF, texto, HTML, e-mail e imagens.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="127"/>
        <source>Read every document of a folder, its subfolders included</source>
        <translation>Ler todos os documentos de uma pasta, incluindo as subpastas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="128"/>
        <source>Read a ZIP, or several documents chosen together</source>
        <translation>Ler um ZIP, ou vários documentos escolhidos juntos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="129"/>
        <source>Add a document to the open process</source>
        <translation>Adicionar um documento ao processo aberto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="130"/>
        <source>Summarize the whole process, with its chronology and deadlines</source>
        <translation>Resumir o processo inteiro, com sua cronologia e seus prazos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="131"/>
        <source>Stop reading or summarizing; what is done is kept</source>
        <translation>Parar a leitura ou o resumo; o que já foi feito é mantido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="132"/>
        <source>Draft the answer to the chosen document: the form filled from it, its requests and deadlines beside it</source>
        <translation>Redigir a resposta ao documento escolhido: o formulário preenchido a partir dele, com seus pedidos e prazos ao lado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="134"/>
        <source>Save the summary, the chronology and the list of documents as Word, PDF or Markdown</source>
        <translation>Salvar o resumo, a cronologia e a lista de documentos como Word, PDF ou Markdown</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="182"/>
        <source>Open the folder of a process</source>
        <translation>Abrir a pasta de um processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="188"/>
        <source>Open a ZIP or the documents of a process</source>
        <translation>Abrir um ZIP ou os documentos de um processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="195"/>
        <source>Add documents to the process</source>
        <translation>Adicionar documentos ao processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="201"/>
        <source>Documents (*.pdf *.docx *.odt *.rtf *.txt *.md *.html *.htm *.eml *.jpg *.jpeg *.png *.tif *.tiff *.zip);;All files (*)</source>
        <translation>Documentos (*.pdf *.docx *.odt *.rtf *.txt *.md *.html *.htm *.eml *.jpg *.jpeg *.png *.tif *.tiff *.zip);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="210"/>
        <source>Reading {name}…</source>
        <translation>Lendo {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="222"/>
        <source>Reading {file} ({k} of {n})…</source>
        <translation>Lendo {file} ({k} de {n})…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="243"/>
        <location filename="../../rio_desktop/ui/process_page.py" line="376"/>
        <source>Stopped.</source>
        <translation>Parado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="255"/>
        <source>OCR</source>
        <translation>OCR</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="255"/>
        <source>text and OCR</source>
        <translation>texto e OCR</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="256"/>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="265"/>
        <source>{documents}, {pages}.</source>
        <translation>{documents}, {pages}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/process_page.py" line="266"/>
        <location filename="../../rio_desktop/ui/process_page.py" line="363"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n documento</numerusform>
            <numerusform>%n documentos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/process_page.py" line="267"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n página</numerusform>
            <numerusform>%n páginas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="298"/>
        <source>(no text)</source>
        <translation>(sem texto)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="300"/>
        <source>Page {n}</source>
        <translation>Página {n}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="345"/>
        <source>Summarizing the process…</source>
        <translation>Resumindo o processo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="362"/>
        <source>Summary of {documents}.</source>
        <translation>Resumo de {documents}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="384"/>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="391"/>
        <source>Export the summary of the process</source>
        <translation>Exportar o resumo do processo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="392"/>
        <source>Word document (*.docx);;PDF (*.pdf);;Markdown (*.md)</source>
        <translation>Documento do Word (*.docx);;PDF (*.pdf);;Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="418"/>
        <source>Saved: {name}</source>
        <translation>Salvo: {name}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="428"/>
        <source>p. {n}</source>
        <translation>p. {n}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="440"/>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="440"/>
        <source>Chronology</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="441"/>
        <source>Pending, with their deadlines</source>
        <translation>Pendências, com seus prazos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/process_page.py" line="441"/>
        <source>no date</source>
        <translation>sem data</translation>
    </message>
</context>
<context>
    <name>QuestionsPanel</name>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="78"/>
        <source>Questions about the document</source>
        <translation>Perguntas sobre o documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="81"/>
        <source>The conversation</source>
        <translation>A conversa</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="85"/>
        <source>Question</source>
        <translation>Pergunta</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="86"/>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="163"/>
        <source>Ask about the document, e.g. what is the deadline for an appeal?</source>
        <translation>Pergunte sobre o documento, por exemplo: qual é o prazo para recorrer?</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="87"/>
        <source>As&amp;k</source>
        <translation>Pergun&amp;tar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="88"/>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="90"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="91"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="108"/>
        <source>Questions and answers; each page number is a link to that page of the document</source>
        <translation>Perguntas e respostas; cada número de página é um link para aquela página do documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="109"/>
        <source>Type a question about the open document and press Enter</source>
        <translation>Digite uma pergunta sobre o documento aberto e pressione Enter</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="110"/>
        <source>Ask the question; the answer cites the pages it comes from</source>
        <translation>Faz a pergunta; a resposta cita as páginas de onde vem</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="111"/>
        <source>Stop this answer; what the model has written is kept</source>
        <translation>Interromper esta resposta; o que o modelo já escreveu é mantido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="112"/>
        <source>Copy the questions and answers as text</source>
        <translation>Copia as perguntas e respostas como texto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="113"/>
        <source>Save the questions and answers as Word, PDF or Markdown</source>
        <translation>Salva as perguntas e respostas em Word, PDF ou Markdown</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="145"/>
        <source>Load a model on the Models page to ask questions.</source>
        <translation>Carregue um modelo na página Modelos para fazer perguntas.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="162"/>
        <source>Ask about the process, e.g. what was asked, and by when?</source>
        <translation>Pergunte sobre o processo, por exemplo: o que foi pedido, e até quando?</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="169"/>
        <source>Preparing the search…</source>
        <translation>Preparando a busca…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="195"/>
        <source>Answering…</source>
        <translation>Respondendo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="209"/>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="222"/>
        <source>Reading the pages for the answer… {percent}</source>
        <translation>Lendo as páginas para a resposta… {percent}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="236"/>
        <source>Stopped. What the model had written is kept.</source>
        <translation>Interrompido. O que o modelo já tinha escrito foi mantido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="239"/>
        <source>Answered in {seconds} s; pages the model read: {pages}.</source>
        <translation>Respondido em {seconds} s; páginas lidas pelo modelo: {pages}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="250"/>
        <source>Stopped.</source>
        <translation>Interrompido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="276"/>
        <source>page {n} of the file</source>
        <translation>página {n} do arquivo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="264"/>
        <source>no page cited</source>
        <translation>nenhuma página citada</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="300"/>
        <source>The questions and answers were copied.</source>
        <translation>As perguntas e respostas foram copiadas.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="307"/>
        <source>{name} - questions.docx</source>
        <translation>{name} - perguntas.docx</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="308"/>
        <source>Export the questions and answers</source>
        <translation>Exportar as perguntas e respostas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="309"/>
        <source>Word document (*.docx);;PDF (*.pdf);;Markdown (*.md)</source>
        <translation>Documento do Word (*.docx);;PDF (*.pdf);;Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/questions_panel.py" line="317"/>
        <source>The questions could not be saved</source>
        <translation>Não foi possível salvar as perguntas</translation>
    </message>
</context>
<context>
    <name>ReceivedPanel</name>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="51"/>
        <source>Replying to</source>
        <translation>Respondendo a</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="59"/>
        <source>Requests of the received letter</source>
        <translation>Pedidos do documento recebido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="62"/>
        <source>Deadlines of the received letter</source>
        <translation>Prazos do documento recebido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="63"/>
        <source>&amp;Requests (tick one to put it in the notes):</source>
        <translation>Pedidos (marque um para incluí-lo nas anotações):</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="65"/>
        <source>Deadlines:</source>
        <translation>Prazos:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="66"/>
        <source>Stop replying</source>
        <translation>Não responder</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="68"/>
        <source>Each sentence of the received letter that asks for something, with its page</source>
        <translation>Cada frase do documento recebido que pede algo, com a sua página</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="69"/>
        <source>Each deadline the received letter sets, with the day it falls on</source>
        <translation>Cada prazo que o documento recebido fixa, com o dia em que vence</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="70"/>
        <source>Write this letter without the received one beside it</source>
        <translation>Escrever este documento sem o recebido ao lado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="89"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="92"/>
        <source>E-mail “{subject}”</source>
        <translation>E-mail “{subject}”</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="93"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="96"/>
        <source>, of {date}</source>
        <translation>, de {date}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="99"/>
        <source>Sent by {sender}</source>
        <translation>Enviado por {sender}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="99"/>
        <source>Signed by {sender}</source>
        <translation>Assinado por {sender}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="102"/>
        <source>Read from a scan (OCR), confidence {percent}: check the fields.</source>
        <translation>Lido de uma digitalização (OCR), confiança de {percent}: confira os campos.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="105"/>
        <source>the sender</source>
        <translation>o remetente</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="105"/>
        <source>the office</source>
        <translation>o cargo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="106"/>
        <source>the organization</source>
        <translation>o órgão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="106"/>
        <source>the subject</source>
        <translation>o assunto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="107"/>
        <source>Guessed by the model, marked in the form: {fields}.</source>
        <translation>Deduzido pelo modelo, marcado no formulário: {fields}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="120"/>
        <source>No sentence of the letter asks for something.</source>
        <translation>Nenhuma frase do documento pede algo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="125"/>
        <source>no day given</source>
        <translation>sem dia definido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/received_panel.py" line="133"/>
        <source>The letter sets no deadline.</source>
        <translation>O documento não fixa prazo.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="278"/>
        <source>Open no network connection (air-gapped machines)</source>
        <translation>Não abrir nenhuma conexão de rede (máquinas isoladas)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="282"/>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="297"/>
        <source>kept in the system keyring</source>
        <translation>guardado no chaveiro do sistema</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="283"/>
        <source>a token is stored; type to replace it</source>
        <translation>há um token guardado; digite para substituí-lo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="284"/>
        <source>Hugging Face token</source>
        <translation>Token do Hugging Face</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="287"/>
        <source>This computer (llama.cpp)</source>
        <translation>Este computador (llama.cpp)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="288"/>
        <source>The organisation&apos;s server</source>
        <translation>O servidor do órgão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="298"/>
        <source>a key is stored; type to replace it</source>
        <translation>há uma chave guardada; digite para substituí-la</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="299"/>
        <source>Verify the server&apos;s certificate (recommended)</source>
        <translation>Verificar o certificado do servidor (recomendado)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="302"/>
        <source>optional: the organisation&apos;s CA file (.pem)</source>
        <translation>opcional: o arquivo da autoridade certificadora do órgão (.pem)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="307"/>
        <source>&amp;Test connection</source>
        <translation>&amp;Testar conexão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="327"/>
        <source>Network:</source>
        <translation>Rede:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="328"/>
        <source>Models &amp;run on:</source>
        <translation>Os modelos &amp;rodam em:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="328"/>
        <source>Server &amp;address:</source>
        <translation>&amp;Endereço do servidor:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="329"/>
        <source>Server &amp;model:</source>
        <translation>&amp;Modelo do servidor:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="330"/>
        <source>API &amp;key:</source>
        <translation>&amp;Chave de API:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="330"/>
        <source>TLS:</source>
        <translation>TLS:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="331"/>
        <source>CA file:</source>
        <translation>Arquivo da AC:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="331"/>
        <source>Timeout:</source>
        <translation>Tempo limite:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="332"/>
        <source>Hugging Face &amp;token:</source>
        <translation>&amp;Token do Hugging Face:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="317"/>
        <source>Rio Desktop opens no network connection at all: no catalogue checks, no downloads</source>
        <translation>O Rio Desktop não abre nenhuma conexão de rede: nem verificação do catálogo, nem downloads</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="319"/>
        <source>Run models on this computer, or send the work to your organisation&apos;s server</source>
        <translation>Rodar os modelos neste computador ou enviar o trabalho ao servidor do seu órgão</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="320"/>
        <source>The model to use on the server; Test connection lists them</source>
        <translation>O modelo a usar no servidor; Testar conexão lista os disponíveis</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="321"/>
        <source>Check the server&apos;s certificate (keep this on)</source>
        <translation>Verificar o certificado do servidor (mantenha ativado)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="322"/>
        <source>How long to wait for the server before giving up</source>
        <translation>Quanto esperar pelo servidor antes de desistir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="323"/>
        <source>Connect to the server now and show its models and latency</source>
        <translation>Conectar ao servidor agora e mostrar seus modelos e a latência</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="350"/>
        <source>Enter the server&apos;s address first, for example http://10.0.0.5:8080/v1 (your IT department has it).</source>
        <translation>Informe primeiro o endereço do servidor, por exemplo http://10.0.0.5:8080/v1 (o setor de TI o tem).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="354"/>
        <source>Testing…</source>
        <translation>Testando…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="370"/>
        <source>Connected: {n} ({models}); context {ctx}; answered in {ms:.0f} ms.</source>
        <translation>Conectado: {n} ({models}); contexto {ctx}; respondeu em {ms:.0f} ms.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="371"/>
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n modelo</numerusform>
            <numerusform>%n modelos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="387"/>
        <source>Secret not saved</source>
        <translation>Segredo não salvo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="388"/>
        <source>This system has no keyring to keep the token or key safely, so it was not saved. Rio Desktop never writes them to a file.</source>
        <translation>Este sistema não tem um chaveiro para guardar o token ou a chave com segurança, por isso não foram salvos. O Rio Desktop nunca os grava em arquivo.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="399"/>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="400"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="407"/>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="407"/>
        <source>This computer</source>
        <translation>Este computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="408"/>
        <source>Server and network</source>
        <translation>Servidor e rede</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="411"/>
        <source>A new language needs a restart, which Rio Desktop offers (your draft is kept). Templates change the next time Rio Desktop starts; OCR settings, the next time a document is opened. Context and GPU layers apply the next time a model is loaded; threads apply at once.</source>
        <translation>Um novo idioma exige reiniciar, o que o Rio Desktop oferece (seu rascunho é mantido). Os modelos de documento mudam na próxima vez que o Rio Desktop iniciar; as configurações de OCR, na próxima vez que um documento for aberto. Contexto e camadas na GPU valem na próxima vez que um modelo for carregado; as threads valem na hora.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="78"/>
        <source>Set by the administrator</source>
        <translation>Definido pelo administrador</translation>
    </message>
</context>
<context>
    <name>SummarizePage</name>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="92"/>
        <source>Summarize page</source>
        <translation>Página de resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="94"/>
        <source>&amp;Open PDF…</source>
        <translation>&amp;Abrir PDF…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="95"/>
        <source>Choose a PDF document to summarize</source>
        <translation>Escolher um documento PDF para resumir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="97"/>
        <source>Recent documents</source>
        <translation>Documentos recentes</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="100"/>
        <source>Summary style</source>
        <translation>Estilo do resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="101"/>
        <source>Bullet points</source>
        <translation>Tópicos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="101"/>
        <source>Executive (one paragraph)</source>
        <translation>Executivo (um parágrafo)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="102"/>
        <source>Detailed (by section)</source>
        <translation>Detalhado (por seção)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="105"/>
        <source>Summary language</source>
        <translation>Idioma do resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="110"/>
        <source>&amp;Summarize</source>
        <translation>&amp;Resumir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="111"/>
        <source>Write a summary of the open document</source>
        <translation>Escrever um resumo do documento aberto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="112"/>
        <source>&amp;Cancel</source>
        <translation>Ca&amp;ncelar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="113"/>
        <source>Stop reading or summarizing; what is done is kept</source>
        <translation>Interromper a leitura ou o resumo; o que já foi feito é mantido</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="115"/>
        <source>Open one of the documents summarized before</source>
        <translation>Abrir um dos documentos já resumidos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="116"/>
        <source>How the summary is written: bullet points, one paragraph, or by section</source>
        <translation>Como o resumo é escrito: tópicos, um parágrafo ou por seção</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="117"/>
        <source>The language the summary is written in</source>
        <translation>O idioma em que o resumo é escrito</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="120"/>
        <source>Style:</source>
        <translation>Estilo:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="121"/>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="127"/>
        <source>The document</source>
        <translation>O documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="136"/>
        <source>Show the &amp;text read from this page</source>
        <translation>Mostrar o &amp;texto lido desta página</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="139"/>
        <source>Switch between the page&apos;s image and the text read from it (by OCR for scanned pages)</source>
        <translation>Alterna entre a imagem da página e o texto lido dela (por OCR, nas páginas digitalizadas)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="144"/>
        <source>Save a searc&amp;hable copy…</source>
        <translation>Salvar uma cópia pes&amp;quisável…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="146"/>
        <source>Save the PDF with the text read from its scanned pages, so any PDF viewer can search and copy it</source>
        <translation>Salva o PDF com o texto lido das páginas digitalizadas, para que qualquer leitor de PDF possa pesquisá-lo e copiá-lo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="147"/>
        <source>Rep&amp;ly to this letter</source>
        <translation>Respon&amp;der a esta carta</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="149"/>
        <source>Draft the answer to this document: the form filled from it, its requests and deadlines beside it</source>
        <translation>Redigir a resposta a este documento: o formulário preenchido a partir dele, com seus pedidos e prazos ao lado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="159"/>
        <source>The summary</source>
        <translation>O resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="162"/>
        <source>Co&amp;py</source>
        <translation>Co&amp;piar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="163"/>
        <source>Copy the summary as text</source>
        <translation>Copiar o resumo como texto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="164"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="165"/>
        <source>Save the summary as Word, PDF or Markdown</source>
        <translation>Salvar o resumo como Word, PDF ou Markdown</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="181"/>
        <source>Summary and questions</source>
        <translation>Resumo e perguntas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="182"/>
        <source>Su&amp;mmary</source>
        <translation>Resu&amp;mo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="183"/>
        <source>&amp;Questions</source>
        <translation>Per&amp;guntas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="190"/>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="201"/>
        <source>The summary; each page number is a link to that page of the document</source>
        <translation>O resumo; cada número de página é um link para essa página do documento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="324"/>
        <source>{name}: {pages}, {text_pages} with text.</source>
        <translation>{name}: {pages}, {text_pages} com texto.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rio_desktop/ui/summarize_page.py" line="325"/>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="448"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n página</numerusform>
            <numerusform>%n páginas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="328"/>
        <source>Load a model on the Models page to summarize.</source>
        <translation>Carregue um modelo na página Modelos para resumir.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="400"/>
        <source>Writing the summary again (the first held nothing that could be checked)</source>
        <translation>Escrevendo o resumo de novo (o primeiro não tinha nada que pudesse ser conferido)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="443"/>
        <source>page {n} of the file</source>
        <translation>página {n} do arquivo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="577"/>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="583"/>
        <source>The file could not be saved</source>
        <translation>Não foi possível salvar o arquivo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="258"/>
        <source>Recent documents…</source>
        <translation>Documentos recentes…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="269"/>
        <source>Open a PDF</source>
        <translation>Abrir um PDF</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="269"/>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="569"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="298"/>
        <source>Reading {name}…</source>
        <translation>Lendo {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="354"/>
        <source>Preparing…</source>
        <translation>Preparando…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="373"/>
        <source>Stopped reading {name}.</source>
        <translation>A leitura de {name} foi interrompida.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="378"/>
        <source>Stopping…</source>
        <translation>Interrompendo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="385"/>
        <source>Reading page {k} of {n} (OCR)</source>
        <translation>Lendo a página {k} de {n} (OCR)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="387"/>
        <source>Reading page {k} of {n}</source>
        <translation>Lendo a página {k} de {n}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="395"/>
        <source>Summarizing part {k} of {n}</source>
        <translation>Resumindo a parte {k} de {n}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="398"/>
        <source>Merging notes ({k} of {n})</source>
        <translation>Juntando as notas ({k} de {n})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="402"/>
        <source>Writing the summary</source>
        <translation>Escrevendo o resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="429"/>
        <source>{stage} ({elapsed} so far)</source>
        <translation>{stage} ({elapsed} até agora)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="390"/>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="405"/>
        <source> — about {minutes} min {seconds} s left</source>
        <translation> — faltam cerca de {minutes} min {seconds} s</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="460"/>
        <source>Summary ready</source>
        <translation>Resumo pronto</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="460"/>
        <source>The summary of {name} is ready.</source>
        <translation>O resumo de {name} está pronto.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="473"/>
        <source>The summary failed</source>
        <translation>O resumo falhou</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="480"/>
        <source>Stopped.</source>
        <translation>Interrompido.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="509"/>
        <source>Still showing {name}.</source>
        <translation>Continua aberto: {name}.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="514"/>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="446"/>
        <source>{pages}, {tokens} tokens in the document, {seconds:.0f} s, {speed:.0f} tokens/s; the model evaluated {ratio:.2f}× the document.</source>
        <translation>{pages}, {tokens} tokens no documento, {seconds:.0f} s, {speed:.0f} tokens/s; o modelo avaliou {ratio:.2f}× o documento.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="443"/>
        <source>check it: the page was read from a poor scan</source>
        <translation>confira: a página foi lida de uma digitalização de baixa qualidade</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="549"/>
        <source>The summary was copied.</source>
        <translation>O resumo foi copiado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="555"/>
        <source>{name} - summary.docx</source>
        <translation>{name} - resumo.docx</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="557"/>
        <source>Export the summary</source>
        <translation>Exportar o resumo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="558"/>
        <source>Word document (*.docx);;PDF (*.pdf);;Markdown (*.md)</source>
        <translation>Documento do Word (*.docx);;PDF (*.pdf);;Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="567"/>
        <source>{name} - searchable.pdf</source>
        <translation>{name} - pesquisável.pdf</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/summarize_page.py" line="568"/>
        <source>Save a searchable copy</source>
        <translation>Salvar uma cópia pesquisável</translation>
    </message>
</context>
<context>
    <name>ThinkingIndicator</name>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="30"/>
        <source>Thinks before every answer (within the reasoning budget; with reasoning off it is stopped at once)</source>
        <translation>Pensa antes de cada resposta (dentro do limite de raciocínio; com o raciocínio desligado, é interrompido de imediato)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="33"/>
        <source>Thinks by default; Rio Desktop switches it off for letters and rewrites (Settings: Model reasoning)</source>
        <translation>Pensa por padrão; o Rio Desktop desliga o raciocínio em cartas e reescritas (Configurações: Raciocínio do modelo)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="36"/>
        <source>Answers without reasoning</source>
        <translation>Responde sem raciocinar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="38"/>
        <source>Unknown (the server does not show the model&apos;s template)</source>
        <translation>Desconhecido (o servidor não mostra o template de conversa do modelo)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="59"/>
        <source>Model reasoning</source>
        <translation>Raciocínio do modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="63"/>
        <source>Reasoning budget used</source>
        <translation>Limite de raciocínio usado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="68"/>
        <location filename="../../rio_desktop/ui/thinking.py" line="142"/>
        <source>Show the reasoning</source>
        <translation>Mostrar o raciocínio</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="72"/>
        <source>The model&apos;s reasoning (not part of the text)</source>
        <translation>O raciocínio do modelo (não faz parte do texto)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="74"/>
        <source>What the model thought before answering; it is not part of the text and is never saved or copied</source>
        <translation>O que o modelo pensou antes de responder; não faz parte do texto e nunca é salvo nem copiado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="76"/>
        <source>Show or hide what the model thought before answering</source>
        <translation>Mostra ou oculta o que o modelo pensou antes de responder</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="130"/>
        <source>Thinking… 1 token</source>
        <translation>Pensando… 1 token</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="130"/>
        <source>Thinking… {count} tokens</source>
        <translation>Pensando… {count} tokens</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="132"/>
        <source>Reasoned for 1 token</source>
        <translation>Raciocinou por 1 token</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="132"/>
        <source>Reasoned for {count} tokens</source>
        <translation>Raciocinou por {count} tokens</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="137"/>
        <source>{used} of {budget} reasoning tokens</source>
        <translation>{used} de {budget} tokens de raciocínio</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/thinking.py" line="142"/>
        <source>Hide the reasoning</source>
        <translation>Ocultar o raciocínio</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="23"/>
        <source>Welcome to Rio Desktop</source>
        <translation>Boas-vindas ao Rio Desktop</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="24"/>
        <source>Welcome</source>
        <translation>Boas-vindas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="26"/>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="28"/>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;Rio Desktop runs language models on this computer, so documents stay here.&lt;/p&gt;&lt;p&gt;&lt;b&gt;This computer:&lt;/b&gt; {cpu}, {cores} cores; {ram} of memory; GPU: {gpus}.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Boas-vindas&lt;/h2&gt;&lt;p&gt;O Rio Desktop executa modelos de linguagem neste computador, e os documentos ficam aqui.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Este computador:&lt;/b&gt; {cpu}, {cores} núcleos; {ram} de memória; GPU: {gpus}.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="37"/>
        <source>&lt;p&gt;&lt;b&gt;Recommended:&lt;/b&gt; {name}, about {size} to download.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Recomendado:&lt;/b&gt; {name}, cerca de {size} para baixar.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="39"/>
        <source>&lt;p&gt;No model of the catalogue fits this computer&apos;s memory: use the organisation&apos;s server.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nenhum modelo do catálogo cabe na memória deste computador: use o servidor do órgão.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="41"/>
        <source>&amp;Download it</source>
        <translation>&amp;Baixar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="43"/>
        <source>&amp;Import a model file…</source>
        <translation>&amp;Importar um arquivo de modelo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="44"/>
        <source>Import an exported &amp;folder…</source>
        <translation>Importar uma &amp;pasta exportada…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="46"/>
        <source>A model folder exported for USB by Rio Desktop on another computer</source>
        <translation>Uma pasta de modelo exportada para pendrive pelo Rio Desktop em outro computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="47"/>
        <source>Use the organisation&apos;s &amp;server…</source>
        <translation>Usar o &amp;servidor do órgão…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="48"/>
        <source>&amp;Later</source>
        <translation>&amp;Depois</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="56"/>
        <source>Download the recommended model from Hugging Face</source>
        <translation>Baixar o modelo recomendado do Hugging Face</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="57"/>
        <source>Use a GGUF model file you already have</source>
        <translation>Usar um arquivo de modelo GGUF que você já tem</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="58"/>
        <source>Use your organisation&apos;s server instead of this computer</source>
        <translation>Usar o servidor do seu órgão em vez deste computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/welcome.py" line="59"/>
        <source>Close this screen; the Models page offers the same later</source>
        <translation>Fechar esta tela; a página Modelos oferece o mesmo depois</translation>
    </message>
</context>
</TS>
