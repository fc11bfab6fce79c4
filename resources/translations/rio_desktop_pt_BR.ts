<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pt_BR">
<context>
    <name>Core</name>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="91" />
        <source>The installed llama-cpp-python ({version}) does not accept the settings {names}. Reinstall Rio Desktop.</source>
        <translation>O llama-cpp-python instalado ({version}) não aceita as configurações {names}. Reinstale o Rio Desktop.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="190" />
        <source>The model is to be split across {wanted} GPUs, but this computer's llama.cpp sees {found}. Check the GPU settings.</source>
        <translation>O modelo deveria ser dividido entre {wanted} GPUs, mas o llama.cpp deste computador encontra {found}. Verifique as configurações de GPU.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="224" />
        <source>{name} holds a model architecture that the installed llama.cpp does not support. Update Rio Desktop or choose another model.</source>
        <translation>{name} contém uma arquitetura de modelo que o llama.cpp instalado não suporta. Atualize o Rio Desktop ou escolha outro modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="228" />
        <source>llama.cpp could not load {name}. The most common cause is not enough free memory: close other programs, choose a smaller model or a shorter context, or put fewer layers on the GPU. (llama.cpp said: {reason})</source>
        <translation>O llama.cpp não conseguiu carregar {name}. A causa mais comum é falta de memória livre: feche outros programas, escolha um modelo menor ou um contexto mais curto, ou coloque menos camadas na GPU. (Mensagem do llama.cpp: {reason})</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="278" />
        <source>No model is loaded. Load a model first.</source>
        <translation>Nenhum modelo está carregado. Carregue um modelo primeiro.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="329" />
        <source>The text is too long for the model: it takes {tokens} tokens and the model's context holds {n_ctx}. Shorten it or load the model with a longer context.</source>
        <translation>O texto é longo demais para o modelo: ocupa {tokens} tokens e o contexto do modelo comporta {n_ctx}. Encurte o texto ou carregue o modelo com um contexto maior.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/llama_backend.py" line="393" />
        <source>The model stopped with an error: {detail}</source>
        <translation>O modelo parou com um erro: {detail}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="72" />
        <source>The file {name} does not exist.</source>
        <translation>O arquivo {name} não existe.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="74" />
        <source>{name} is a folder, not a model file.</source>
        <translation>{name} é uma pasta, não um arquivo de modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="77" />
        <source>The file {name} is empty. Download or copy the model again.</source>
        <translation>O arquivo {name} está vazio. Baixe ou copie o modelo novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="83" />
        <source>Rio Desktop is not allowed to read {name}. Check the file's permissions.</source>
        <translation>O Rio Desktop não tem permissão para ler {name}. Verifique as permissões do arquivo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="87" />
        <source>{name} could not be read: {detail}</source>
        <translation>Não foi possível ler {name}: {detail}</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="91" />
        <source>The file {name} is incomplete: it ends inside its header. The download or copy was probably interrupted; get the file again.</source>
        <translation>O arquivo {name} está incompleto: termina no meio do cabeçalho. O download ou a cópia provavelmente foi interrompido; obtenha o arquivo novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="95" />
        <source>{name} is not a GGUF model file. Choose a file in GGUF format (.gguf).</source>
        <translation>{name} não é um arquivo de modelo GGUF. Escolha um arquivo no formato GGUF (.gguf).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="98" />
        <source>The file {name} is damaged and cannot be used as a model ({detail}).</source>
        <translation>O arquivo {name} está danificado e não pode ser usado como modelo ({detail}).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="107" />
        <source>The file {name} is incomplete: it has {have} of the {expected} its contents require. The download or copy was probably interrupted; get the file again.</source>
        <translation>O arquivo {name} está incompleto: tem {have} dos {expected} que seu conteúdo exige. O download ou a cópia provavelmente foi interrompido; obtenha o arquivo novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="120" />
        <source>{name} is part of a model split into {count} files, but its name does not follow the pattern name-00001-of-{count:05d}.gguf, so the other parts cannot be found.</source>
        <translation>{name} é parte de um modelo dividido em {count} arquivos, mas seu nome não segue o padrão nome-00001-of-{count:05d}.gguf, por isso as outras partes não podem ser encontradas.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="128" />
        <source>This model is split into {count} files and {n_missing} of them are missing from {folder}: {missing}. Put every part in the same folder.</source>
        <translation>Este modelo está dividido em {count} arquivos e {n_missing} deles faltam em {folder}: {missing}. Coloque todas as partes na mesma pasta.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="148" />
        <source>{name} says it is not part {number} of its model. Parts of different models may have been mixed; get the parts again.</source>
        <translation>{name} indica que não é a parte {number} do seu modelo. Partes de modelos diferentes podem ter sido misturadas; obtenha as partes novamente.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="155" />
        <source>{name} does not say which model architecture it holds, so it cannot be loaded.</source>
        <translation>{name} não informa a arquitetura do modelo que contém, por isso não pode ser carregado.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="159" />
        <source>{name} holds a model of architecture '{arch}', which the installed llama.cpp (llama-cpp-python {version}) does not support. Update Rio Desktop or choose another model.</source>
        <translation>{name} contém um modelo de arquitetura '{arch}', que o llama.cpp instalado (llama-cpp-python {version}) não suporta. Atualize o Rio Desktop ou escolha outro modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="172" />
        <source>The chat template inside {name} tries to run code outside its sandbox. Rio Desktop refused to load this file; get the model from a trusted source.</source>
        <translation>O modelo de conversa dentro de {name} tenta executar código fora da sua área isolada. O Rio Desktop recusou carregar este arquivo; obtenha o modelo de uma fonte confiável.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/model_file.py" line="176" />
        <source>The chat template inside {name} does not work ({detail}). Get a corrected copy of the model.</source>
        <translation>O modelo de conversa dentro de {name} não funciona ({detail}). Obtenha uma cópia corrigida do modelo.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/engine/service.py" line="198" />
        <source>Something went wrong inside Rio Desktop ({detail}). The details are in the log.</source>
        <translation>Algo deu errado dentro do Rio Desktop ({detail}). Os detalhes estão no registro.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="33" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="34" />
        <source>CPU threads</source>
        <translation>Threads de CPU</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="35" />
        <source>Context length (tokens)</source>
        <translation>Tamanho do contexto (tokens)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="36" />
        <source>Model layers on the GPU</source>
        <translation>Camadas do modelo na GPU</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="37" />
        <source>Model loaded at start</source>
        <translation>Modelo carregado ao iniciar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/settings.py" line="38" />
        <source>Recently loaded models</source>
        <translation>Modelos carregados recentemente</translation>
    </message>
</context>
<context>
    <name>DraftPage</name>
    <message>
        <location filename="../../rio_desktop/ui/pages.py" line="38" />
        <source>Draft correspondence</source>
        <translation>Redigir correspondência</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/pages.py" line="39" />
        <source>Drafting of ofícios, memorandos and answers to citizens will be available here.</source>
        <translation>A redação de ofícios, memorandos e respostas ao cidadão estará disponível aqui.</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <location filename="../../rio_desktop/ui/app.py" line="65" />
        <source>Unexpected error</source>
        <translation>Erro inesperado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/app.py" line="66" />
        <source>Rio Desktop met an unexpected error and carried on. Your work has not been lost.

{summary}

The details are in the log: {log}</source>
        <translation>O Rio Desktop encontrou um erro inesperado e continuou funcionando. Seu trabalho não foi perdido.

{summary}

Os detalhes estão no registro: {log}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="51" />
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="59" />
        <source>Summarize</source>
        <translation>Resumir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="59" />
        <source>Draft</source>
        <translation>Redigir</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="60" />
        <source>Models</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="72" />
        <source>Loaded model</source>
        <translation>Modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="74" />
        <source>Where the model runs</source>
        <translation>Onde o modelo é executado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="76" />
        <source>Last speed</source>
        <translation>Última velocidade</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="90" />
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="91" />
        <source>&amp;Load model…</source>
        <translation>&amp;Carregar modelo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="95" />
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="100" />
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="104" />
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="105" />
        <source>Open the &amp;log folder</source>
        <translation>Abrir a pasta de &amp;registros</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="108" />
        <source>&amp;About Rio Desktop</source>
        <translation>&amp;Sobre o Rio Desktop</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="116" />
        <source>Load a model</source>
        <translation>Carregar um modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="117" />
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>Modelos GGUF (*.gguf);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="128" />
        <source>Loading {name}…</source>
        <translation>Carregando {name}…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="144" />
        <source>About Rio Desktop</source>
        <translation>Sobre o Rio Desktop</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="145" />
        <source>&lt;b&gt;{name} {version}&lt;/b&gt;&lt;p&gt;Offline AI help for public administration: documents stay on this computer.&lt;/p&gt;</source>
        <translation>&lt;b&gt;{name} {version}&lt;/b&gt;&lt;p&gt;Assistência de IA offline para a administração pública: os documentos permanecem neste computador.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="152" />
        <source>No model loaded</source>
        <translation>Nenhum modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="176" />
        <source>{speed:.1f} tokens/s</source>
        <translation>{speed:.1f} tokens/s</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/main_window.py" line="185" />
        <source>The model could not be loaded</source>
        <translation>Não foi possível carregar o modelo</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="36" />
        <source>Models page</source>
        <translation>Página de modelos</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="38" />
        <source>Loaded model</source>
        <translation>Modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="40" />
        <location filename="../../rio_desktop/ui/models_page.py" line="94" />
        <source>No model loaded</source>
        <translation>Nenhum modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="43" />
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="44" />
        <source>Details:</source>
        <translation>Detalhes:</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="45" />
        <source>&amp;Load model from file…</source>
        <translation>&amp;Carregar modelo de um arquivo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="46" />
        <source>Choose a GGUF model file on this computer</source>
        <translation>Escolher um arquivo de modelo GGUF neste computador</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="49" />
        <source>Model loading progress</source>
        <translation>Progresso do carregamento do modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="54" />
        <source>Try the model</source>
        <translation>Experimentar o modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="57" />
        <source>Question for the model</source>
        <translation>Pergunta para o modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="58" />
        <source>Write a question or an instruction…</source>
        <translation>Escreva uma pergunta ou uma instrução…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="61" />
        <source>&amp;Generate</source>
        <translation>&amp;Gerar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="62" />
        <source>Send the question to the loaded model</source>
        <translation>Enviar a pergunta ao modelo carregado</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="63" />
        <source>&amp;Cancel</source>
        <translation>Ca&amp;ncelar</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="64" />
        <source>Stop the answer being written</source>
        <translation>Interromper a resposta em andamento</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="73" />
        <source>The model's answer</source>
        <translation>A resposta do modelo</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="95" />
        <source>Load a GGUF model file to start.</source>
        <translation>Carregue um arquivo de modelo GGUF para começar.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="100" />
        <source>{arch}, {params} parameters, {quant}, {size} on disk. Context: {used} tokens used of {trained} trained. Runs on: {backend}. Loaded in {seconds:.1f} s.</source>
        <translation>{arch}, {params} parâmetros, {quant}, {size} em disco. Contexto: {used} tokens em uso de {trained} treinados. Executa em: {backend}. Carregado em {seconds:.1f} s.</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="122" />
        <source>Writing…</source>
        <translation>Escrevendo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="131" />
        <source>Stopping…</source>
        <translation>Interrompendo…</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="151" />
        <source>{tokens} tokens in {seconds:.1f} s ({speed:.1f} tokens/s).</source>
        <translation>{tokens} tokens em {seconds:.1f} s ({speed:.1f} tokens/s).</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/models_page.py" line="162" />
        <source>Stopped. The text so far is kept above.</source>
        <translation>Interrompido. O texto gerado até aqui está mantido acima.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="32" />
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="33" />
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="37" />
        <source>Follow the system</source>
        <translation>Seguir o sistema</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="44" />
        <source>Automatic (from the machine's load)</source>
        <translation>Automático (pela carga da máquina)</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="50" />
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="55" />
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/settings_dialog.py" line="66" />
        <source>The language changes the next time Rio Desktop starts. Context and GPU layers apply the next time a model is loaded; threads apply at once.</source>
        <translation>O idioma muda na próxima vez que o Rio Desktop for iniciado. Contexto e camadas na GPU valem a partir do próximo carregamento de modelo; as threads valem imediatamente.</translation>
    </message>
</context>
<context>
    <name>SummarizePage</name>
    <message>
        <location filename="../../rio_desktop/ui/pages.py" line="31" />
        <source>Summarize a PDF</source>
        <translation>Resumir um PDF</translation>
    </message>
    <message>
        <location filename="../../rio_desktop/ui/pages.py" line="32" />
        <source>Summaries of PDF documents with page citations will be available here.</source>
        <translation>Resumos de documentos PDF com citação das páginas estarão disponíveis aqui.</translation>
    </message>
</context>
</TS>